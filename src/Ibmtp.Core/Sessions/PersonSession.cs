using Ibmtp.CloudIdentity;
using Ibmtp.Secrets;

namespace Ibmtp.Sessions;

/// <summary>
/// A person's IAM session, as <c>login</c> starts it and each renewal carries it on: the refresh token
/// that renews it, where and as whom, and the trusted profile its tokens are traded for. Kept in the
/// keystore (<see cref="SessionStore"/>) as a versioned JSON document (<see cref="SessionDocument"/>).
/// </summary>
/// <param name="RefreshToken">The latest one IAM handed out: each renewal saves the new one before its access token is used.</param>
/// <param name="SessionId">IAM's session ID.</param>
/// <param name="IamUrl">The IAM the session belongs to; every renewal goes there.</param>
/// <param name="Profile">The trusted profile assumed for the registry; null only when the session already acts as one.</param>
/// <param name="Account">The account the person signed in to, when one was chosen or the token named one.</param>
/// <param name="PersonName">The person's name from the token's claims, for messages.</param>
/// <param name="PersonIamId">The person's IAM ID from the token's claims: the keystore entry's username.</param>
/// <param name="ActsAsProfile">The person's own token already acts as a trusted profile (<c>sub_type</c> <c>Profile</c>): it is never assumed again.</param>
/// <param name="EndsAt">When IAM will end the session at the latest, when known.</param>
public sealed record PersonSession(
    Secret RefreshToken,
    string SessionId,
    Uri IamUrl,
    TrustedProfile? Profile,
    string? Account,
    string PersonName,
    string PersonIamId,
    DateTimeOffset LoggedInAt,
    DateTimeOffset RenewedAt,
    bool ActsAsProfile,
    DateTimeOffset? EndsAt = null)
{
    /// <summary>The first part of a session token's cache key: no mode is spelled so, so a session's tokens never meet a service ID's.</summary>
    public const string CacheKind = "person-session";

    /// <summary>The person as messages name them: name and IAM ID.</summary>
    public string Person => PersonName == PersonIamId ? PersonIamId : $"{PersonName} ({PersonIamId})";

    /// <summary>
    /// Everything that decides which profile token the session gives, for the token cache's key: a new
    /// sign-in, another person, profile or IAM never gets an old token. The refresh token is left out, so
    /// a renewal keeps the key.
    /// </summary>
    public IEnumerable<string> CacheIdentity =>
        [CacheKind, PersonIamId, SessionId, ActsAsProfile ? "acts-as-profile" : Profile!.CacheIdentity, IamUrl.AbsoluteUri.TrimEnd('/')];
}
