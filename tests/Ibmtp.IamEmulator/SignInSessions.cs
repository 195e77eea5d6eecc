using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Ibmtp.Emulators;

/// <summary>
/// People's sign-in sessions, their refresh tokens and the session policies that bound them, all judged on the
/// emulator's clock.
/// </summary>
internal sealed class SignInSessions(EmulatorClock clock, EmulatorSettings settings, IssuedTokens tokens)
{
    private readonly ConcurrentDictionary<string, SignInSession> sessionsById = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SignInSession> sessionsByRefreshToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SessionPolicy> policiesByAccount = new(StringComparer.Ordinal);
    private volatile SessionPolicy defaultPolicy = SessionPolicy.Default;

    /// <summary>The policy of every account that has none of its own.</summary>
    public SessionPolicy DefaultPolicy
    {
        get => defaultPolicy;
        set => defaultPolicy = value;
    }

    /// <summary>Gives <paramref name="accountId"/> a policy of its own, or, with null, the default one again.</summary>
    public void SetPolicy(string accountId, SessionPolicy? policy)
    {
        if (policy is null)
        {
            policiesByAccount.TryRemove(accountId, out _);
        }
        else
        {
            policiesByAccount[accountId] = policy;
        }
    }

    public SessionPolicy PolicyOf(string accountId) => policiesByAccount.GetValueOrDefault(accountId) ?? DefaultPolicy;

    public SignInSession Start(Person person, string accountId, TrustedProfile? actingAs, DateTimeOffset? actingUntil)
    {
        var session = new SignInSession("C-" + Guid.NewGuid(), person, accountId, actingAs, clock.UtcNow, actingUntil);
        sessionsById[session.Id] = session;
        return session;
    }

    public bool TryFind(string sessionId, [NotNullWhen(true)] out SignInSession? session) => sessionsById.TryGetValue(sessionId, out session);

    /// <summary>
    /// When the session ends: its account's maximum length after sign-in (read now, so a test may change the policy of a
    /// running session), or earlier when a federated rule's expiration bounds the profile it acts as.
    /// </summary>
    public DateTimeOffset EndOf(SignInSession session)
    {
        var end = session.StartedAt + PolicyOf(session.AccountId).MaxLength;
        return session.ActingUntil is { } actingUntil && actingUntil < end ? actingUntil : end;
    }

    /// <summary>The error IAM gives for a grant in a session that was revoked, has lasted too long or sat unused too long; null if it is live.</summary>
    public IamError? Check(SignInSession session, string tokenProperty)
    {
        var now = clock.UtcNow;
        if (session.IsRevoked)
        {
            return IamError.InvalidToken(tokenProperty);
        }

        if (now >= EndOf(session))
        {
            return IamError.SessionExpired();
        }

        return now - session.LastActivity >= PolicyOf(session.AccountId).InactivityTimeout ? IamError.SessionInactive() : null;
    }

    /// <summary>A new refresh token of <paramref name="session"/>: every grant in a session rotates it.</summary>
    public string IssueRefreshToken(SignInSession session)
    {
        // Opaque, as IAM's are: nothing in it can be read, only looked up.
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
        sessionsByRefreshToken[value] = session;
        session.AddRefreshToken(value);
        return value;
    }

    /// <summary>
    /// The session of a refresh token that is still good. By default a refresh token stays good, even once used, until
    /// its session ends; with <see cref="EmulatorSettings.SingleUseRefreshTokens"/> a used one dies, as the switch is
    /// for a client that must always keep the newest.
    /// </summary>
    /// <param name="use">Whether the grant uses the token up (the refresh grant), or only proves the session with it (the assume grant).</param>
    public bool TryRedeemRefreshToken(string value, bool use, [NotNullWhen(true)] out SignInSession? session) =>
        use && settings.SingleUseRefreshTokens
            ? sessionsByRefreshToken.TryRemove(value, out session)
            : sessionsByRefreshToken.TryGetValue(value, out session);

    /// <summary>Ends every session so far, as a revocation of every token ends their refresh tokens too.</summary>
    public void RevokeAll()
    {
        foreach (var sessionId in sessionsById.Keys)
        {
            Revoke(sessionId);
        }
    }

    /// <summary>Ends a session: its refresh tokens and every access token issued in it stop working. False if there is no such session.</summary>
    public bool Revoke(string sessionId)
    {
        if (!sessionsById.TryGetValue(sessionId, out var session))
        {
            return false;
        }

        foreach (var accessToken in session.Revoke())
        {
            tokens.Revoke(accessToken);
        }

        foreach (var (refreshToken, owner) in sessionsByRefreshToken)
        {
            if (owner == session)
            {
                sessionsByRefreshToken.TryRemove(refreshToken, out _);
            }
        }

        return true;
    }
}
