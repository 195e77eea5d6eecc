using System.Globalization;
using Ibmtp.Composition;
using Ibmtp.Credentials;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Sessions;
using Ibmtp.Tokens;

namespace Ibmtp.Diagnostics;

/// <summary>
/// A person's sign-in session, which <c>get</c> asks when the environment gives no credentials and before
/// the logins <c>docker login</c> saved: who signed in and as which trusted profile, when, the cached
/// token's life, the limits IAM reported, and one real renewal, made and saved by <c>get</c>'s own
/// renewal (<see cref="PersonSessionSource.RenewNow"/>), because a refresh token IAM rotated
/// and nobody kept would lose the session. It never shows a secret.
/// </summary>
/// <param name="connectIam">IAM at the session's own address; the helper's own when not given.</param>
public sealed class SessionCheck(HelperContext context, HelperServices services, Func<Uri, IPersonIam>? connectIam = null)
{
    /// <summary>The session fact when there is none: a problem only when no other source gives credentials either.</summary>
    public static readonly string NoOneSignedIn = $"no one is signed in ({HelperInfo.Name} login)";

    /// <summary>Adds the session's facts when someone is signed in.</summary>
    /// <returns>
    /// Whether <c>get</c> gets credentials from the session; null when no one is signed in, and <c>get</c>
    /// goes on to the keystore's logins (no fact is added: whether that is a problem depends on them).
    /// </returns>
    public bool? Run(FactSheet facts)
    {
        PersonSession? session;
        try
        {
            session = services.Sessions.Find();
        }
        catch (HelperException error)
        {
            // A damaged entry, or a keystore that cannot be read: get fails with the same line.
            return facts.Fail("session", error.Message);
        }
        if (session is null)
            return null;

        var now = context.Time.GetUtcNow();
        facts.Add("credentials", $"the sign-in session kept in the keystore (from {HelperInfo.Name} login), traded with IAM for a token");
        facts.Add("session", $"{session.Person}{(session.Account is { } account ? $" in account {account}" : "")}, as {Profile(session)}");
        facts.Add("session signed in", Ago(session.LoggedInAt, now));
        facts.Add("session last renewal", Ago(session.RenewedAt, now));
        facts.Add("session token", CachedToken(session, now));
        facts.Add("session limits", session.EndsAt is { } endsAt
            ? $"IAM ends the session by {Time(endsAt)} (in {CredentialsCheck.Duration(endsAt - now)})"
            : "not reported by IAM");
        return Renew(session, facts);
    }

    private static string Profile(PersonSession session) =>
        session.ActsAsProfile ? "the profile chosen on the passcode page" : $"the trusted profile {session.Profile}";

    /// <summary>The profile token get hands out from the cache, read before the renewal, which keeps its token out of the cache.</summary>
    private string CachedToken(PersonSession session, DateTimeOffset now) =>
        services.TokenCache.Peek(TokenService.CacheKey(session.CacheIdentity)) switch
        {
            null => "no cached token",
            var cached when cached.IsUsable(now) => $"valid for {CredentialsCheck.Duration(cached.ExpiresAt - now)}, renewed after {CredentialsCheck.Duration(cached.RenewAt - now)}",
            _ => "expired; the next get renews the session",
        };

    /// <summary>
    /// One real renewal, even while the cached token is fresh, so that a session IAM no longer accepts shows
    /// now and not at the push after next. A session IAM has ended is removed, as <c>get</c> removes it.
    /// </summary>
    private bool Renew(PersonSession session, FactSheet facts)
    {
        try
        {
            var renewals = services.PersonSessionsThrough(connectIam ?? services.ConnectPersonIam);
            var (token, renewed) = renewals.RenewNow(session);
            var life = CredentialsCheck.Duration(token.ExpiresAt - context.Time.GetUtcNow());
            return facts.Say("session renewal", renewed.ActsAsProfile
                ? $"ok: IAM renewed the session (its new refresh token is saved); its token acts as the profile and is valid for {life}"
                : $"ok: IAM renewed the session (its new refresh token is saved) and the trusted profile {renewed.Profile} was assumed: its token is valid for {life}");
        }
        catch (HelperException error)
        {
            return facts.Fail("session renewal", error.Message);
        }
    }

    private static string Ago(DateTimeOffset at, DateTimeOffset now) => $"{Time(at)} ({CredentialsCheck.Duration(now - at)} ago)";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("u", CultureInfo.InvariantCulture);
}
