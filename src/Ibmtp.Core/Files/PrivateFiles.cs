using System.Security.Cryptography;
using Ibmtp.Interop.Unix;
using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Files;

/// <summary>
/// Creates folders and files that only the owner can read, whatever the caller's umask, and writes
/// files atomically so that a reader never sees half a file.
/// </summary>
public static partial class PrivateFiles
{
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates the folder that holds the helper's own files, or checks the one there: a link, a folder
    /// of another user, or one others can write is refused (see <see cref="OwnerOnly"/>).
    /// </summary>
    public static void EnsureOwnFolder(string path)
    {
        EnsureFolder(path);
        OwnerOnly.RequireFolder(path);
    }

    public static void EnsureFolder(string path)
    {
        if (Directory.Exists(path))
            return;
        // Missing parents (say $XDG_DATA_HOME itself) are ours too, so each gets the mode, not the umask's.
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(path));
        if (!string.IsNullOrEmpty(parent))
            EnsureFolder(parent);
        Directory.CreateDirectory(path, OwnerOnlyFolder);
        // CreateDirectory applies the umask; a umask like 0277 would otherwise leave it unusable.
        File.SetUnixFileMode(path, OwnerOnlyFolder);
    }

    public static FileStream Open(string path, FileMode mode, FileAccess access, FileShare share = FileShare.None) =>
        new(path, new FileStreamOptions
        {
            Mode = mode,
            Access = access,
            Share = share,
            UnixCreateMode = access == FileAccess.Read ? null : OwnerOnlyFile,
        });

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> whole, replacing what was there.</summary>
    public static void ReplaceAtomically(string path, ReadOnlySpan<byte> content) => WriteAtomically(path, content, overwrite: true);

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> whole unless the file exists, in
    /// which case another process may have just created it, and theirs is kept.
    /// </summary>
    public static void CreateAtomically(string path, ReadOnlySpan<byte> content)
    {
        try
        {
            WriteAtomically(path, content, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Theirs is as good as ours.
        }
    }

    /// <summary>
    /// Deletes the temporary files an interrupted write left in <paramref name="folder"/> (a writer
    /// killed between writing and renaming). Call it only under the folder's lock, when no write of
    /// ours can be under way; they may hold key material.
    /// </summary>
    public static void DeleteLeftoverTemporaries(string folder)
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*.tmp"))
        {
            if (LeftoverTemporary().IsMatch(Path.GetFileName(path)))
                File.Delete(path);
        }
    }

    /// <summary>
    /// The temporary files that interrupted writes of <paramref name="path"/> alone left, for a folder
    /// shared with other files and writers.
    /// </summary>
    internal static IEnumerable<string> LeftoverTemporariesOf(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var name = Path.GetFileName(path);
        return !Directory.Exists(folder) ? [] : Directory.EnumerateFiles(folder, "*.tmp").Where(leftover =>
            Path.GetFileName(leftover) is var leftoverName
            && leftoverName.Length == name.Length + TemporarySuffixLength
            && leftoverName.StartsWith(name, StringComparison.Ordinal)
            && LeftoverTemporary().IsMatch(leftoverName));
    }

    // ".", 32 hexadecimal digits, ".tmp": what WriteAtomically adds to the name.
    private const int TemporarySuffixLength = 37;

    [System.Text.RegularExpressions.GeneratedRegex(@"^.+\.[0-9a-f]{32}\.tmp$")]
    private static partial System.Text.RegularExpressions.Regex LeftoverTemporary();

    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/>, flushes it to disk, then renames it
    /// into place. <paramref name="prepare"/> may change the temporary's owner or mode before it is
    /// flushed; <paramref name="isStillWanted"/>, asked of the file at <paramref name="path"/> just
    /// before the rename, may call the write off, and then nothing is renamed and false returned.
    /// Where the system can swap two files in one step, the file replaced is asked once more after the
    /// swap, and put back if it is no longer the one asked about: another program that replaced the file
    /// between the question and the rename (as docker saves config.json, without a lock) keeps its write.
    /// </summary>
    internal static bool WriteAtomically(string path, ReadOnlySpan<byte> content, bool overwrite, Action<SafeFileHandle>? prepare = null, Func<string, bool>? isStillWanted = null)
    {
        // Not Guid.NewGuid: .NET draws that from /dev/urandom, which a chroot may lack; this generator asks the kernel by getrandom().
        var temporary = $"{path}.{RandomNumberGenerator.GetHexString(32, lowercase: true)}.tmp";
        try
        {
            using (var stream = Open(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
                prepare?.Invoke(stream.SafeFileHandle);
                stream.Flush(flushToDisk: true);
            }
            if (isStillWanted is null)
            {
                File.Move(temporary, path, overwrite);
                return true;
            }
            if (!isStillWanted(path))
                return false;
            if (overwrite && UnixFiles.TryExchange(temporary, path))
            {
                // The temporary name now holds what the path held at the swap.
                if (isStillWanted(temporary))
                    return true;
                // Their file goes back; had the path gone meanwhile, it goes back all the same.
                if (!UnixFiles.TryExchange(temporary, path))
                    File.Move(temporary, path, overwrite: true);
                return false;
            }
            File.Move(temporary, path, overwrite);
            return true;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
