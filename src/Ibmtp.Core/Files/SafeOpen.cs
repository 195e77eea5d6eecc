using Ibmtp.Interop.Unix;
using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Files;

/// <summary>
/// Opens files so that a FIFO, a device or a folder where a file should be is an error naming it,
/// never a hang or an endless read, and so that the helper's own files are never reached through a
/// symbolic link. Opening never blocks (O_NONBLOCK), and the type is checked on the open file, so
/// nothing can be swapped between the check and the use.
/// </summary>
public static class SafeOpen
{
    /// <summary>Opens an existing regular file for reading.</summary>
    public static FileStream ForReading(string path, Links links) => ForReading(path, links, out _);

    /// <summary>Opens an existing regular file for reading, with what fstat said of it (its owner and mode, to check before trusting it).</summary>
    internal static FileStream ForReading(string path, Links links, out FileStatus status)
    {
        var handle = Open(path, OpenFlags.ReadOnly | OpenFlags.NonBlocking | (links == Links.Refuse ? OpenFlags.NoFollow : 0));
        try
        {
            status = RequireRegularFile(handle, path);
            return new FileStream(handle, FileAccess.Read, bufferSize: 0);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens one of the helper's own files (a lock, the log), creating it owner-only if it is missing;
    /// <paramref name="flags"/> are the access and mode flags of open(2).
    /// </summary>
    internal static SafeFileHandle OwnFile(string path, int flags)
    {
        flags |= OpenFlags.NoFollow | OpenFlags.NonBlocking;
        SafeFileHandle handle;
        try
        {
            handle = Open(path, flags);
        }
        catch (FileNotFoundException)
        {
            // O_CREAT|O_EXCL never follows a link: a link planted meanwhile makes this fail, not create its target.
            try
            {
                PrivateFiles.Open(path, FileMode.CreateNew, FileAccess.Write).Dispose();
            }
            catch (IOException raced) when (raced.HResult == Errno.Exists || File.Exists(path))
            {
                // Another process created it first, or locked it the instant after this one created it
                // (.NET takes a flock as it creates); either way it is opened below like any existing file.
            }
            handle = Open(path, flags);
        }
        try
        {
            RequireRegularFile(handle, path);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/>, refusing a symbolic link when <paramref name="flags"/> hold O_NOFOLLOW.</summary>
    internal static SafeFileHandle Open(string path, int flags)
    {
        try
        {
            return UnixFiles.Open(path, flags);
        }
        catch (IOException error) when (error.HResult == Errno.SymbolicLinkLoop && (flags & OpenFlags.NoFollow) != 0)
        {
            throw new UnsafeFileException($"{path} is a symbolic link, and {HelperInfo.Name} never follows links to its own files: remove the link");
        }
    }

    private static FileStatus RequireRegularFile(SafeFileHandle handle, string path)
    {
        var status = FileStatus.Of(handle, path);
        return status.Kind switch
        {
            FileKind.Regular => status,
            FileKind.Directory => throw new IOException($"{path} is a folder, not a file"),
            FileKind.Pipe or FileKind.Other => throw new IOException($"{path} is not a regular file (a FIFO, a device or a socket): point it at a plain file"),
        };
    }
}
