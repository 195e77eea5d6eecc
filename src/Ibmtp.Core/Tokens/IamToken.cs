using Ibmtp.Secrets;

namespace Ibmtp.Tokens;

/// <summary>An IAM access token and its lifetime, as measured on this machine's clock.</summary>
public sealed record IamToken(Secret AccessToken, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>IBM's SDKs treat a token as expired 10 s early; so does the helper.</summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);

    /// <summary>IAM's tokens live an hour; a longer stated life is a fault, and is cut to this.</summary>
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromHours(4);

    /// <summary>The last moment the cache hands this token out: after it, the token has less than <see cref="LeastLifeLeft"/> left and is renewed.</summary>
    public DateTimeOffset RenewAt => ExpiresAt - LeastLifeLeft.For(ExpiresAt - IssuedAt);

    /// <summary>Has enough life left to hand out without asking IAM again.</summary>
    public bool IsFresh(DateTimeOffset now) => now <= RenewAt && IsUsable(now);

    /// <summary>Still accepted by the registry for long enough to be worth handing out.</summary>
    public bool IsUsable(DateTimeOffset now) => now < ExpiresAt - ExpiryMargin;
}
