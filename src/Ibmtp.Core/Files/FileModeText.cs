namespace Ibmtp.Files;

/// <summary>A file's permission bits as <c>ls</c> and <c>chmod</c> spell them, such as 0600.</summary>
public static class FileModeText
{
    public static string Of(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8).PadLeft(4, '0');
}
