using System.Security.Cryptography;

namespace Ibmtp.Files;

/// <summary>A random AES-256 key kept in an owner-only file beside what it encrypts.</summary>
public static class KeyFile
{
    public const int KeySize = 32;

    /// <summary>
    /// The key, or null when the file does not exist. Throws <see cref="InvalidDataException"/> for a
    /// file of the wrong size, and <see cref="UnsafeFileException"/> for one others could read or swap
    /// (see <see cref="OwnerOnly"/>).
    /// </summary>
    public static byte[]? Read(string path)
    {
        byte[] key;
        try
        {
            OwnerOnly.RequireFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Checked on the open file, so that what is checked is what is read.
            using var stream = SafeOpen.ForReading(path, Links.Refuse, out var status);
            OwnerOnly.RequireFile(status, path);
            key = BoundedFile.ReadAll(stream, path, KeySize);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        return key.Length == KeySize ? key : throw new InvalidDataException($"the key file {path} is damaged (it must hold {KeySize} bytes)");
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
