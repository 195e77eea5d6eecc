using Ibmtp.Files;
using Ibmtp.Secrets;

namespace Ibmtp.Credentials;

/// <summary>
/// Reads a secret from an environment variable that holds either the value or, as in the IBM Cloud
/// CLI, <c>@/path/to/file</c>. A file keeps the secret out of the environment of every child process.
/// </summary>
public static class SecretReference
{
    private const int LargestSecret = 64 * 1024;

    public static Secret? Resolve(string variable, string? value)
    {
        if (value is null)
            return null;
        return value.StartsWith('@')
            ? ReadFile(value[1..], $"{variable} names the file")
            : new Secret(value.Trim());
    }

    /// <summary>The trimmed content of <paramref name="path"/>; <paramref name="origin"/> says in errors why that file was read.</summary>
    public static Secret ReadFile(string path, string origin)
    {
        try
        {
            return new Secret(System.Text.Encoding.UTF8.GetString(BoundedFile.ReadAllBytes(path, LargestSecret, Links.Follow)).Trim());
        }
        catch (InvalidDataException)
        {
            throw new HelperException($"{origin} {path}, which holds more than {LargestSecret} bytes: an API key or token is far smaller, so check the path");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new HelperException($"{origin} {path}, which cannot be read ({error.Message.ReplaceLineEndings(" ")}): check the path and its permissions");
        }
    }
}
