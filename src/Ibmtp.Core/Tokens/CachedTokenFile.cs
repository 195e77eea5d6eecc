using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Ibmtp.Files;
using Ibmtp.Secrets;

namespace Ibmtp.Tokens;

/// <summary>
/// The bytes of one token-cache entry. A cached `get` is the hottest path of the helper, so entries
/// are a fixed binary layout rather than JSON, whose type metadata costs more to set up than the
/// whole read. Layout, little-endian: format (1 byte), expiry in Unix seconds (8, in clear so that
/// pruning needs no key), nonce (12), tag (16), ciphertext. The sealed plaintext is: issued at (8),
/// expires at (8), the access token in UTF-8.
/// </summary>
internal static class CachedTokenFile
{
    /// <summary>No entry is larger: IAM's tokens are a few kilobytes.</summary>
    public const int LargestFile = 256 * 1024;

    private const byte CurrentFormat = 1;
    private const int ExpiryOffset = 1;
    private const int NonceOffset = ExpiryOffset + sizeof(long);
    private const int NonceSize = 12;
    private const int TagOffset = NonceOffset + NonceSize;
    private const int TagSize = 16;
    private const int CiphertextOffset = TagOffset + TagSize;
    private const int TimesSize = 2 * sizeof(long);

    public static byte[] Encode(IamToken token, byte[] key, ReadOnlySpan<byte> associatedData)
    {
        var plaintext = new byte[TimesSize + Encoding.UTF8.GetByteCount(token.AccessToken.Value)];
        try
        {
            BinaryPrimitives.WriteInt64LittleEndian(plaintext, token.IssuedAt.ToUnixTimeSeconds());
            BinaryPrimitives.WriteInt64LittleEndian(plaintext.AsSpan(sizeof(long)), token.ExpiresAt.ToUnixTimeSeconds());
            Encoding.UTF8.GetBytes(token.AccessToken.Value, plaintext.AsSpan(TimesSize));
            var box = SealedBox.Seal(key, plaintext, associatedData);

            var file = new byte[CiphertextOffset + box.Ciphertext.Length];
            file[0] = CurrentFormat;
            BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(ExpiryOffset), token.ExpiresAt.ToUnixTimeSeconds());
            box.Nonce.CopyTo(file, NonceOffset);
            box.Tag.CopyTo(file, TagOffset);
            box.Ciphertext.CopyTo(file, CiphertextOffset);
            return file;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Throws FormatException for a file of another layout, CryptographicException for one that does not open.</summary>
    public static IamToken Decode(ReadOnlySpan<byte> file, byte[] key, ReadOnlySpan<byte> associatedData)
    {
        RequireLayout(file);
        var box = new SealedBox
        {
            Nonce = file.Slice(NonceOffset, NonceSize).ToArray(),
            Tag = file.Slice(TagOffset, TagSize).ToArray(),
            Ciphertext = file[CiphertextOffset..].ToArray(),
        };
        var plaintext = box.Open(key, associatedData);
        try
        {
            if (plaintext.Length <= TimesSize)
                throw new FormatException("cache entry holds no token");
            var issuedAt = BinaryPrimitives.ReadInt64LittleEndian(plaintext);
            var expiresAt = BinaryPrimitives.ReadInt64LittleEndian(plaintext.AsSpan(sizeof(long)));
            // Sealed with the key, but perhaps by another version: only a lifetime Encode could have been given is one.
            if (!IsDate(issuedAt) || !IsDate(expiresAt) || expiresAt - issuedAt > (long)IamToken.LongestLifetime.TotalSeconds)
                throw new FormatException("cache entry times are not a token's lifetime");
            return new IamToken(
                new Secret(Encoding.UTF8.GetString(plaintext.AsSpan(TimesSize))),
                DateTimeOffset.FromUnixTimeSeconds(issuedAt),
                DateTimeOffset.FromUnixTimeSeconds(expiresAt));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public static long ExpiresAt(ReadOnlySpan<byte> file)
    {
        RequireLayout(file);
        return BinaryPrimitives.ReadInt64LittleEndian(file[ExpiryOffset..]);
    }

    private static bool IsDate(long unixSeconds) =>
        unixSeconds >= DateTimeOffset.MinValue.ToUnixTimeSeconds() && unixSeconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private static void RequireLayout(ReadOnlySpan<byte> file)
    {
        if (file.Length <= CiphertextOffset || file[0] != CurrentFormat)
            throw new FormatException("not a token cache entry");
    }
}
