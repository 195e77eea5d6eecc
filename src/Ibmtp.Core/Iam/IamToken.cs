using System.Text;

namespace Ibmtp.Iam;

/// <summary>An IAM access token and its lifetime, as measured on this machine's clock.</summary>
public sealed record IamToken(string AccessToken, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    // IBM's SDKs renew at 80% of the lifetime and treat a token as expired 10 s early; so do we.
    private const double RenewalPoint = 0.8;
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);

    /// <summary>Young enough to hand out without asking IAM again.</summary>
    public bool IsFresh(DateTimeOffset now) =>
        now < IssuedAt + (ExpiresAt - IssuedAt) * RenewalPoint && IsUsable(now);

    /// <summary>Still accepted by the registry for long enough to be worth handing out.</summary>
    public bool IsUsable(DateTimeOffset now) => now < ExpiresAt - ExpiryMargin;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"AccessToken = ***, IssuedAt = {IssuedAt:o}, ExpiresAt = {ExpiresAt:o}");
        return true;
    }
}
