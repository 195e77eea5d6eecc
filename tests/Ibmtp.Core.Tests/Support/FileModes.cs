namespace Ibmtp.Tests.Support;

/// <summary>The modes the spec asks for, spelled out here rather than taken from the code under test.</summary>
public static class FileModes
{
    /// <summary>0700</summary>
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>0600</summary>
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
}
