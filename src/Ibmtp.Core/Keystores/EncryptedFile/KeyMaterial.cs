using System.Security.Cryptography;
using Ibmtp.Configuration;
using Ibmtp.Files;

namespace Ibmtp.Keystores.EncryptedFile;

/// <summary>
/// The AES-256 key of the keystore and how it was obtained: derived from
/// <c>IBMTP_KEYSTORE_PASSPHRASE</c> with PBKDF2, or read from a random key file beside the keystore.
/// </summary>
internal sealed record KeyMaterial(string Source, byte[] Key, byte[]? Salt, int Iterations)
{
    // OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Stored in each file, so it can be raised later.
    private const int PassphraseIterations = 600_000;

    /// <summary>
    /// The most iterations a keystore may ask for: room to raise the figure above, but a planted
    /// keystore cannot make every get derive a key for hours.
    /// </summary>
    public const int LargestIterations = 10_000_000;

    public static KeyMaterial FromPassphrase(string passphrase, byte[] salt, int iterations)
    {
        return new(KeySources.Passphrase, Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, iterations, HashAlgorithmName.SHA256, KeyFile.KeySize), salt, iterations);
    }

    public static KeyMaterial NewFromPassphrase(string passphrase) =>
        FromPassphrase(passphrase, RandomNumberGenerator.GetBytes(16), PassphraseIterations);

    public static KeyMaterial ReadKeyFile(string path) =>
        FromKeyFile(path, () => KeyFile.Read(path)
            ?? throw new HelperException($"the keystore's key file {path} is missing, so the keystore cannot be decrypted: restore the key file, or move the keystore aside and log in again"));

    /// <summary>Reads the key file, creating it with a fresh random key if this is the first keystore.</summary>
    public static KeyMaterial ReadOrCreateKeyFile(string path) => FromKeyFile(path, () => KeyFile.ReadOrCreate(path));

    private static KeyMaterial FromKeyFile(string path, Func<byte[]> read)
    {
        try
        {
            return new KeyMaterial(KeySources.KeyFile, read(), null, 0);
        }
        catch (UnsafeFileException unsafeFile)
        {
            throw new HelperException($"the keystore's key file is refused: {unsafeFile.Message}");
        }
        catch (InvalidDataException)
        {
            throw new HelperException($"the keystore's key file {path} is damaged (it must hold {KeyFile.KeySize} bytes): restore it, or move it and the keystore aside and log in again");
        }
    }
}
