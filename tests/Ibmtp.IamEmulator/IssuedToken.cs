namespace Ibmtp.Emulators;

internal enum IssuedTokenKind
{
    IamAccessToken,
    InstanceIdentityToken,
}

/// <summary>A token this emulator handed out: whom it stands for, how it was obtained, and until when it is good.</summary>
/// <param name="Subject">Service ID name, trusted profile ID, a person's IAM ID, or <see cref="IamEmulator.VpcInstance"/>.</param>
/// <param name="Origin">The grant type, or the metadata call, that produced the token.</param>
internal sealed record IssuedToken(
    string Value,
    IssuedTokenKind Kind,
    string Subject,
    string Origin,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The person's sign-in session the token belongs to; null for the tokens of every other grant.</summary>
    public string? SessionId { get; init; }

    public TimeSpan Lifetime => ExpiresAt - IssuedAt;

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;
}
