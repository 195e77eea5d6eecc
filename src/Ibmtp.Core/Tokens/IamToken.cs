using Ibmtp.Secrets;

namespace Ibmtp.Tokens;

/// <summary>An IAM access token and its lifetime, as measured on this machine's clock.</summary>
public sealed record IamToken(Secret AccessToken, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    // IBM's SDKs renew at 80% of the lifetime and treat a token as expired 10 s early; so do we.
    private const double RenewalPoint = 0.8;
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);

    /// <summary>IAM's tokens live an hour; a longer stated life is a fault, and is cut to this.</summary>
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromHours(4);

    /// <summary>When the cache stops handing this token out and asks for a new one.</summary>
    public DateTimeOffset RenewAt => IssuedAt + (ExpiresAt - IssuedAt) * RenewalPoint;

    /// <summary>Young enough to hand out without asking IAM again.</summary>
    public bool IsFresh(DateTimeOffset now) => now < RenewAt && IsUsable(now);

    /// <summary>Still accepted by the registry for long enough to be worth handing out.</summary>
    public bool IsUsable(DateTimeOffset now) => now < ExpiresAt - ExpiryMargin;
}
