using Ibmtp.Interop.Unix;

namespace Ibmtp.Files;

/// <summary>
/// Files that belong to the user rather than to the helper, such as a client's <c>config.json</c>,
/// which the helper edits in place while the client may write it too: a replacement goes in only
/// while the file still holds what it was made from.
/// </summary>
public static class UserFiles
{
    /// <summary>The file's bytes and what fstat said of it, or null when it does not exist; a link is followed.</summary>
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

    /// <summary>Takes the lock that every edit of <paramref name="path"/> by the helper holds, through a lock file beside it (<c>&lt;file&gt;.lock</c>).</summary>
    public static FileLock Lock(string path, TimeSpan timeout) => FileLock.Acquire(path + ".lock", timeout);

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

    /// <summary>Keeps <paramref name="original"/> as <paramref name="backup"/>, owner-only.</summary>
    public static void KeepBackup(string backup, FileSnapshot original) => PrivateFiles.ReplaceAtomically(backup, original.Bytes);

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="content"/>, owner-only, provided that just
    /// before the rename the file still is <paramref name="original"/> (same bytes, owner, mode and
    /// inode; or still missing, for null). Returns false, having written nothing, when the file changed.
    /// </summary>
    public static bool ReplaceIfUnchanged(string path, ReadOnlySpan<byte> content, FileSnapshot? original)
    {
        try
        {
            return PrivateFiles.WriteAtomically(path, content, overwrite: original is not null, stillWanted: () => IsUnchanged(path, original));
        }
        catch (IOException) when (original is null && File.Exists(path))
        {
            // Created meanwhile by another program, which the rename did not replace.
            return false;
        }
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
}
