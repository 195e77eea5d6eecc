using Ibmtp.Interop.Unix;
using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Files;

/// <summary>
/// Files that belong to the user rather than to the helper, such as a client's <c>config.json</c>,
/// which the helper edits in place. A file written in place of one keeps its owner, group and mode,
/// so that root editing another user's file (<c>sudo -E</c>, a provisioning script) leaves it
/// theirs; what root creates among them belongs to the owner of the folder it is created in; and a
/// replacement goes in only while the file still holds what it was made from.
/// </summary>
public static class UserFiles
{
    private const int RootUserId = 0;

    /// <summary>The file's bytes, owner and mode, or null when it does not exist; a link is followed.</summary>
    public static FileSnapshot? Read(string path, int limit)
    {
        try
        {
            using var stream = SafeOpen.ForReading(path, Links.Follow, out var status);
            return new FileSnapshot(BoundedFile.ReadAll(stream, path, limit), status);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Creates <paramref name="folder"/> and any missing parent owner-only; as root, each is given to the owner of the folder it is made in.</summary>
    public static void EnsureFolder(string folder)
    {
        var missing = new List<string>();
        for (var path = folder; !string.IsNullOrEmpty(path) && !Directory.Exists(path); path = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path)))
            missing.Add(path);
        PrivateFiles.EnsureFolder(folder);
        // Outermost first, so that each folder's owner is settled before the one made in it asks.
        foreach (var created in Enumerable.Reverse(missing))
        {
            if (NewFileOwner(created) is not { } owner)
                return;
            using var handle = SafeOpen.Open(created, OpenFlags.ReadOnly | OpenFlags.NoFollow | OpenFlags.NonBlocking);
            GiveTo(handle, created, owner.UserId, owner.GroupId);
        }
    }

    /// <summary>
    /// Takes the lock that every edit of <paramref name="path"/> by the helper holds, through a lock
    /// file beside it (<c>&lt;file&gt;.lock</c>), which root creates for the folder's owner so that
    /// their own runs can take it later.
    /// </summary>
    public static FileLock Lock(string path, TimeSpan timeout)
    {
        var lockPath = path + ".lock";
        if (!File.Exists(lockPath) && NewFileOwner(lockPath) is { } owner)
        {
            try
            {
                using var created = PrivateFiles.Open(lockPath, FileMode.CreateNew, FileAccess.Write);
                GiveTo(created.SafeFileHandle, lockPath, owner.UserId, owner.GroupId);
            }
            catch (IOException) when (File.Exists(lockPath))
            {
                // Another run created it first.
            }
        }
        return FileLock.Acquire(lockPath, timeout, TimeProvider.System);
    }

    /// <summary>
    /// Deletes what an edit of <paramref name="path"/> killed between writing and renaming left beside
    /// it: the file's next content, logins and all. Call it only under <see cref="Lock"/>.
    /// </summary>
    public static void DeleteLeftoverTemporaries(string path)
    {
        foreach (var leftover in PrivateFiles.LeftoverTemporariesOf(path).ToArray())
            File.Delete(leftover);
    }

    /// <summary>Whether an edit of <paramref name="path"/> killed midway left anything beside it.</summary>
    public static bool HasLeftoverTemporaries(string path) => PrivateFiles.LeftoverTemporariesOf(path).Any();

    /// <summary>
    /// Keeps <paramref name="original"/> as <paramref name="backup"/> unless a file is there already
    /// (an earlier run's backup, or the user's own, which is never replaced); owner-only, and owned
    /// like the original.
    /// </summary>
    public static void KeepBackup(string backup, FileSnapshot original)
    {
        if (File.Exists(backup))
            return;
        try
        {
            PrivateFiles.WriteAtomically(backup, original.Bytes, overwrite: false,
                prepare: handle => GiveTo(handle, backup, original.Status.OwnerId, original.Status.GroupId));
        }
        catch (IOException) when (File.Exists(backup))
        {
            // Another run kept it first.
        }
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/>, provided that just before the
    /// rename the file still is <paramref name="original"/> (same bytes, owner, mode and inode; or
    /// still missing, for null). The new file keeps the original's owner, group and mode; a file new
    /// altogether is owner-only. Returns false, having written nothing, when the file changed.
    /// </summary>
    public static bool ReplaceIfUnchanged(string path, ReadOnlySpan<byte> content, FileSnapshot? original)
    {
        try
        {
            return PrivateFiles.WriteAtomically(path, content, overwrite: original is not null,
                prepare: handle => GiveAsBefore(handle, path, original),
                isStillWanted: file => IsUnchanged(file, original));
        }
        catch (IOException) when (original is null && File.Exists(path))
        {
            // Created meanwhile by another program, which the rename did not replace.
            return false;
        }
    }

    private static void GiveAsBefore(SafeFileHandle handle, string path, FileSnapshot? original)
    {
        if (original is null)
        {
            if (NewFileOwner(path) is { } owner)
                GiveTo(handle, path, owner.UserId, owner.GroupId);
            return;
        }
        // In this order, as chown clears the set-user-ID and set-group-ID bits.
        GiveTo(handle, path, original.Status.OwnerId, original.Status.GroupId);
        File.SetUnixFileMode(handle, original.Status.Mode);
    }

    private static bool IsUnchanged(string path, FileSnapshot? original)
    {
        try
        {
            using var stream = SafeOpen.ForReading(path, Links.Follow, out var status);
            return original is not null && status == original.Status
                && BoundedFile.ReadAll(stream, path, original.Bytes.Length).AsSpan().SequenceEqual(original.Bytes);
        }
        catch (FileNotFoundException)
        {
            return original is null;
        }
        catch (InvalidDataException)
        {
            // Longer than it was.
            return false;
        }
    }

    /// <summary>Whom root gives what it creates at <paramref name="path"/>: the owner and group of the folder it is in. Null for anyone else, whose files are their own.</summary>
    private static (uint UserId, uint GroupId)? NewFileOwner(string path)
    {
        if (CurrentProcess.UserId() != RootUserId)
            return null;
        var folder = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)))!;
        using var handle = SafeOpen.Open(folder, OpenFlags.ReadOnly | OpenFlags.NonBlocking);
        var status = FileStatus.Of(handle, folder);
        return (status.OwnerId, status.GroupId);
    }

    /// <summary>Gives an open file to a user and group, unless it is theirs already; refused with the fix when the process may not.</summary>
    private static void GiveTo(SafeFileHandle handle, string path, uint userId, uint groupId)
    {
        var status = FileStatus.Of(handle, path);
        if (status.OwnerId == userId && status.GroupId == groupId)
            return;
        try
        {
            UnixFiles.ChangeOwner(handle, userId, groupId, path);
        }
        catch (IOException)
        {
            throw new HelperException($"{path} belongs to user {userId} and group {groupId}, and this process may not give a file to them: run this as that user");
        }
    }
}
