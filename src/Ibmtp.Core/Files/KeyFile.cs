using System.Security.Cryptography;

namespace Ibmtp.Files;

/// <summary>A random AES-256 key kept in an owner-only file beside what it encrypts.</summary>
public static class KeyFile
{
    public const int KeySize = 32;

    /// <summary>
    /// The key, or null when the file does not exist. Throws <see cref="InvalidDataException"/> for a
    /// file of the wrong size, and <see cref="UnsafeFileException"/> for one others could read or swap.
    /// </summary>
    public static byte[]? Read(string path)
    {
        byte[] key;
        try
        {
            RequirePrivate(path);
            key = BoundedFile.ReadAllBytes(path, KeySize);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        return key.Length == KeySize ? key : throw new InvalidDataException($"the key file {path} is damaged (it must hold {KeySize} bytes)");
    }

    /// <summary>Refuses a symbolic link, and a file or its folder that group or others may access.</summary>
    public static void RequirePrivate(string path)
    {
        var file = new FileInfo(path);
        if (file.LinkTarget is not null)
            throw new UnsafeFileException($"{path} is a symbolic link; key material must be a plain file of its own: remove the link");
        var folder = file.Directory!;
        if (folder.LinkTarget is not null)
            throw new UnsafeFileException($"{folder.FullName} is a symbolic link; the folder of key material must be a plain folder: replace the link with the folder");
        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (folder.Exists && (folder.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
            throw new UnsafeFileException($"{folder.FullName} can be written by other users, who could swap its key: run chmod 700 {folder.FullName}");
        if (file.Exists && (file.UnixFileMode & others) != 0)
            throw new UnsafeFileException($"{path} can be read or written by other users: run chmod 600 {path}");
    }

    /// <summary>Reads the key file, creating it with a fresh random key if there is none yet.</summary>
    public static byte[] ReadOrCreate(string path)
    {
        // Written whole under another name and moved into place without overwriting: a crash cannot
        // leave a short key, and of two first writers the second uses the first's key.
        if (!File.Exists(path))
            PrivateFiles.CreateAtomically(path, RandomNumberGenerator.GetBytes(KeySize));
        return Read(path) ?? throw new FileNotFoundException($"the key file {path} vanished as it was created", path);
    }
}
