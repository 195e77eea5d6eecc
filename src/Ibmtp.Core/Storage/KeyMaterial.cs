using System.Security.Cryptography;
using Ibmtp.Platform;
using Ibmtp.Protocol;

namespace Ibmtp.Storage;

/// <summary>
/// The AES-256 key of the keystore and how it was obtained: derived from
/// <c>IBMTP_KEYSTORE_PASSPHRASE</c> with PBKDF2, or read from a random key file beside the keystore.
/// </summary>
internal sealed record KeyMaterial(string Source, byte[] Key, byte[]? Salt, int Iterations)
{
    public const int KeySize = 32;

    // OWASP's 2023 figure for PBKDF2-HMAC-SHA256. Stored in each file, so it can be raised later.
    private const int PassphraseIterations = 600_000;

    public static KeyMaterial FromPassphrase(string passphrase, byte[] salt, int iterations) =>
        new(KeySources.Passphrase, Rfc2898DeriveBytes.Pbkdf2(passphrase, salt, iterations, HashAlgorithmName.SHA256, KeySize), salt, iterations);

    public static KeyMaterial NewFromPassphrase(string passphrase) =>
        FromPassphrase(passphrase, RandomNumberGenerator.GetBytes(16), PassphraseIterations);

    public static KeyMaterial ReadKeyFile(string path)
    {
        byte[] key;
        try
        {
            key = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new HelperException($"the keystore's key file {path} is missing, so the keystore cannot be decrypted: restore the key file, or move the keystore aside and log in again");
        }
        return key.Length == KeySize
            ? new KeyMaterial(KeySources.KeyFile, key, null, 0)
            : throw new HelperException($"the keystore's key file {path} is damaged (it must hold {KeySize} bytes): restore it, or move it and the keystore aside and log in again");
    }

    /// <summary>Reads the key file, creating it with a fresh random key if this is the first keystore.</summary>
    public static KeyMaterial ReadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            // Written whole under another name, then moved into place without overwriting: a crash
            // cannot leave a short key, and of two first writers the second uses the first's key.
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                using (var stream = PrivateFiles.Open(temporary, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(RandomNumberGenerator.GetBytes(KeySize));
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        return ReadKeyFile(path);
    }
}
