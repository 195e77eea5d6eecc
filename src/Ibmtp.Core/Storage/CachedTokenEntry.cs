namespace Ibmtp.Storage;

/// <summary>
/// One cached token on disk. The expiry is in clear so that pruning need not decrypt; the token
/// itself is sealed.
/// </summary>
internal sealed class CachedTokenEntry
{
    public const int CurrentFormat = 1;

    public int Format { get; set; }

    public long ExpiresAt { get; set; }

    public SealedBox? Sealed { get; set; }
}

/// <summary>The sealed part of a <see cref="CachedTokenEntry"/>.</summary>
internal sealed class CachedTokenPayload
{
    public string AccessToken { get; set; } = "";

    public long IssuedAt { get; set; }

    public long ExpiresAt { get; set; }
}
