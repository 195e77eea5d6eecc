using System.Security.Cryptography;

namespace Ibmtp.Files;

/// <summary>
/// AES-256-GCM ciphertext with its nonce and tag, as stored in JSON (byte[] values are base64).
/// The associated data binds a box to its context, so a box moved to another file or header fails to open.
/// </summary>
internal sealed class SealedBox
{
    public byte[] Nonce { get; set; } = [];

    public byte[] Ciphertext { get; set; } = [];

    public byte[] Tag { get; set; } = [];

    public static SealedBox Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var box = new SealedBox
        {
            Nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize),
            Ciphertext = new byte[plaintext.Length],
            Tag = new byte[AesGcm.TagByteSizes.MaxSize],
        };
        using var aes = new AesGcm(key, box.Tag.Length);
        aes.Encrypt(box.Nonce, plaintext, box.Ciphertext, box.Tag, associatedData);
        return box;
    }

    /// <summary>Decrypts into a new buffer, which the caller zeroes after use. Throws CryptographicException if tampered with.</summary>
    public byte[] Open(byte[] key, ReadOnlySpan<byte> associatedData)
    {
        var plaintext = new byte[Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key, Tag.Length);
            aes.Decrypt(Nonce, Ciphertext, Tag, plaintext, associatedData);
            return plaintext;
        }
        catch (Exception error) when (error is CryptographicException or ArgumentException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptographicException("the sealed data cannot be opened with this key", error);
        }
    }
}
