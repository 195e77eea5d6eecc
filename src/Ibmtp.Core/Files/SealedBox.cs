using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Ibmtp.Files;

/// <summary>
/// AES-256-GCM ciphertext with its nonce and tag, as stored in JSON (byte[] values are base64).
/// The associated data binds a box to its context, so a box moved to another file or header fails to open.
/// </summary>
/// <remarks>
/// The AEAD is BouncyCastle's managed AES-GCM, not .NET's AesGcm: the same algorithm and layout, so
/// every existing keystore and cache entry opens, but a cached get no longer starts OpenSSL, whose
/// initialisation cost more than the rest of the call.
/// </remarks>
internal sealed class SealedBox
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public byte[] Nonce { get; set; } = [];

    public byte[] Ciphertext { get; set; } = [];

    public byte[] Tag { get; set; } = [];

    public static SealedBox Seal(byte[] key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var cipher = Cipher(forEncryption: true, key, nonce, associatedData);
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        var written = cipher.ProcessBytes(plaintext, output);
        written += cipher.DoFinal(output.AsSpan(written));
        // BouncyCastle appends the tag to the ciphertext; the stored layout keeps them apart.
        return new SealedBox
        {
            Nonce = nonce,
            Ciphertext = output[..(written - TagSize)],
            Tag = output[(written - TagSize)..written],
        };
    }

    /// <summary>Decrypts into a new buffer, which the caller zeroes after use. Throws CryptographicException if tampered with.</summary>
    public byte[] Open(byte[] key, ReadOnlySpan<byte> associatedData)
    {
        byte[] plaintext = [];
        try
        {
            if (Nonce.Length != NonceSize || Tag.Length != TagSize)
                throw new ArgumentException("the nonce or tag has the wrong size");
            var cipher = Cipher(forEncryption: false, key, Nonce, associatedData);
            var sealedBytes = new byte[Ciphertext.Length + TagSize];
            Ciphertext.CopyTo(sealedBytes, 0);
            Tag.CopyTo(sealedBytes, Ciphertext.Length);
            plaintext = new byte[cipher.GetOutputSize(sealedBytes.Length)];
            var written = cipher.ProcessBytes(sealedBytes, plaintext);
            cipher.DoFinal(plaintext.AsSpan(written));
            return plaintext;
        }
        catch (Exception error) when (error is InvalidCipherTextException or ArgumentException or DataLengthException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new CryptographicException("the sealed data cannot be opened with this key", error);
        }
    }

    private static GcmBlockCipher Cipher(bool forEncryption, byte[] key, byte[] nonce, ReadOnlySpan<byte> associatedData)
    {
        if (key.Length != 32)
            throw new ArgumentException("an AES-256 key has 32 bytes", nameof(key));
        var cipher = new GcmBlockCipher(AesUtilities.CreateEngine());
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagSize * 8, nonce, associatedData.ToArray()));
        return cipher;
    }
}
