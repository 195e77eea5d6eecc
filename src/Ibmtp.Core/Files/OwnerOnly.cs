using Ibmtp.Interop.Unix;

namespace Ibmtp.Files;

/// <summary>
/// The checks OpenSSH makes before it trusts key material: the file and its folder belong to the
/// user, no one else can read the file or write the folder, and neither is a symbolic link. Each
/// refusal says how to fix it.
/// </summary>
internal static class OwnerOnly
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Refuses a folder that is a link, is not a folder, belongs to another user, or that others can write.</summary>
    public static void RequireFolder(string folder)
    {
        using var handle = SafeOpen.Open(folder, OpenFlags.ReadOnly | OpenFlags.NoFollow | OpenFlags.NonBlocking);
        var status = FileStatus.Of(handle, folder);
        if (status.Kind != FileKind.Directory)
            throw new UnsafeFileException($"{folder} is not a folder: move it aside");
        RequireOwner(status, folder);
        if ((status.Mode & WritableByOthers) != 0)
            throw new UnsafeFileException($"{folder} can be written by other users, who could swap what it holds: run chmod 700 {folder}");
    }

    /// <summary>Refuses an open key file that belongs to another user or that others can read or write.</summary>
    public static void RequireFile(FileStatus status, string path)
    {
        RequireOwner(status, path);
        if ((status.Mode & GroupOrOther) != 0)
            throw new UnsafeFileException($"{path} can be read or written by other users: run chmod 600 {path}");
    }

    private static void RequireOwner(FileStatus status, string path)
    {
        var user = CurrentProcess.UserId();
        if (status.OwnerId != (uint)user)
            throw new UnsafeFileException($"{path} belongs to user {status.OwnerId}, not to you (user {user}): if it is yours, run sudo chown {user} {path}; otherwise move it aside");
    }
}
