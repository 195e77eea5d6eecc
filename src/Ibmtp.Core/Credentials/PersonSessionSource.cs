using Ibmtp.Hosts;
using Ibmtp.Iam;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Sessions;
using Ibmtp.Tokens;

namespace Ibmtp.Credentials;

/// <summary>
/// A person's sign-in (<c>login</c>): the trusted profile's token, traded for the person's token of the
/// session kept in the keystore. Asked after the environment's own credentials and before the logins
/// <c>docker login</c> saved; never by the kubelet. A token is served from the cache while it has
/// <see cref="LeastLifeLeft"/>; then, once for all processes (the token cache's lock), the session is
/// renewed, its new refresh token saved before anything else is done with the renewal, and the profile
/// assumed. A session IAM no longer accepts is removed, and the call says who has to sign in again.
/// Nothing here waits for a person or keeps the session alive in the background.
/// </summary>
/// <param name="connectIam">IAM at the session's own address.</param>
public sealed class PersonSessionSource(
    SessionStore sessions,
    ITokenCache cache,
    Func<Uri, IPersonIam> connectIam,
    TimeSpan timeout,
    TimeProvider time,
    UntracedLogger log,
    Action<string> warnUser) : ICredentialSource
{
    public const string Origin = "sign-in session";

    private static readonly string SignInAgain = $"run {HelperInfo.Name} login";

    /// <summary>
    /// The cache key of the signed-in person's profile token, kept there beside the session's own key, so a
    /// get whose token is fresh answers without reading the session from the keystore: the keystore read
    /// and the session's parse would make a session's get slower than a cached token's in any other mode.
    /// Every way a session ends (logout, a new login, IAM refusing it) forgets it.
    /// </summary>
    public static readonly string SignedInTokenKey = TokenService.CacheKey([PersonSession.CacheKind, "signed-in"]);

    public Login? Find(RegistryHost host)
    {
        if (cache.FreshToken(SignedInTokenKey) is { } signedIn)
            return LoginOf(signedIn);
        if (sessions.Find() is not { } session)
            return null;
        var cacheKey = TokenService.CacheKey(session.CacheIdentity);
        using var deadline = new Deadline(timeout, time);
        // The protocol is one synchronous request per process; there is no caller to yield to.
        var token = cache.FreshToken(cacheKey) ?? cache.RefreshAsync(cacheKey, () => RenewAsync(session, deadline), deadline, warnUser).GetAwaiter().GetResult();
        Remember(token, deadline);
        return LoginOf(token);
    }

    /// <summary>Caches the profile token of a session <c>login</c> just started, under the session's key and as the signed-in person's.</summary>
    public void Started(PersonSession session, IamToken token)
    {
        using var deadline = new Deadline(timeout, time);
        cache.Forget(SignedInTokenKey);
        cache.RefreshAsync(TokenService.CacheKey(session.CacheIdentity), () => Task.FromResult(token), deadline, warnUser).GetAwaiter().GetResult();
        Remember(token, deadline);
    }

    /// <summary>Forgets every cached token of <paramref name="session"/>, which has ended or been signed out of.</summary>
    public void Forget(PersonSession session)
    {
        ForgetSignedIn();
        cache.Forget(TokenService.CacheKey(session.CacheIdentity));
    }

    /// <summary>Forgets the signed-in person's token, for a session that can no longer be read.</summary>
    public void ForgetSignedIn() => cache.Forget(SignedInTokenKey);

    private void Remember(IamToken token, Deadline deadline) =>
        cache.RefreshAsync(SignedInTokenKey, () => Task.FromResult(token), deadline, warnUser).GetAwaiter().GetResult();

    private static Login LoginOf(IamToken token) =>
        new(TrustedProfileSource.BearerUsername, token.AccessToken, Origin, token.ExpiresAt, token.RenewAt);

    /// <summary>A token handed out for a session is never kept as a login: it would outlive itself.</summary>
    public bool Supplies(RegistryHost host, string username, Secret secret)
    {
        try
        {
            return username == TrustedProfileSource.BearerUsername && sessions.Find() is not null;
        }
        catch (HelperException)
        {
            return false;
        }
    }

    /// <summary>
    /// Renews <paramref name="seen"/> now, even while a cached token is fresh, as a get renews it when its
    /// token runs out: the new refresh token saved before the profile is assumed, the session removed when
    /// IAM ends it. The profile token it returns is not cached: for <c>doctor</c>'s one real exchange.
    /// </summary>
    /// <returns>The trusted profile's new token, and the session as it is kept now.</returns>
    public (IamToken ProfileToken, PersonSession Session) RenewNow(PersonSession seen)
    {
        using var deadline = new Deadline(timeout, time);
        return RenewAsync(seen, deadline, evenIfFresh: true).GetAwaiter().GetResult();
    }

    /// <summary>Run by a get under the token cache's lock: one process at a time renews.</summary>
    private async Task<IamToken> RenewAsync(PersonSession seen, Deadline deadline) =>
        (await RenewAsync(seen, deadline, evenIfFresh: false).ConfigureAwait(false)).ProfileToken;

    private async Task<(IamToken ProfileToken, PersonSession Session)> RenewAsync(PersonSession seen, Deadline deadline, bool evenIfFresh)
    {
        var (session, token, renewedElsewhere) = await RefreshAsync(seen, deadline, evenIfFresh).ConfigureAwait(false);
        if (renewedElsewhere)
            return (token, session);
        var profileToken = session.ActsAsProfile ? token : await AssumeAsync(session, token, deadline).ConfigureAwait(false);
        log.Information("session of {Person}: renewed, profile {Profile}", session.Person, session.ActsAsProfile ? "(acted as by the session)" : session.Profile!.ToString());
        return (profileToken, session);
    }

    /// <summary>
    /// The session as it is kept now (another process may have renewed it, or a new sign-in replaced it,
    /// while this one waited), renewed and saved, with the person's new token; or, when another process's
    /// renewal left a fresh profile token in the cache, that token, unless <paramref name="evenIfFresh"/>.
    /// </summary>
    private async Task<(PersonSession Session, IamToken Token, bool RenewedElsewhere)> RefreshAsync(PersonSession seen, Deadline deadline, bool evenIfFresh)
    {
        // Held from the read to the save, so that no other writer's session is overwritten with this one.
        using var exclusive = sessions.HoldWrites();
        var session = sessions.Find() ?? throw new HelperException($"the sign-in session of {seen.Person} was removed while this call waited (signed out?); {SignInAgain}");
        if (!evenIfFresh && cache.FreshToken(TokenService.CacheKey(session.CacheIdentity)) is { } fresh)
        {
            log.Debug("session of {Person}: renewed by another process while waiting", session.Person);
            return (session, fresh, true);
        }

        PersonTokens renewed;
        using (var iam = connectIam(session.IamUrl))
        {
            try
            {
                renewed = await iam.RefreshAsync(session.RefreshToken, deadline).ConfigureAwait(false);
            }
            catch (SessionEndedException ended)
            {
                throw Ended(session, ended);
            }
        }
        var now = time.GetUtcNow();
        // Saved before the new access token is used: IAM may have spent the old refresh token, and a session
        // whose only valid refresh token was lost could not be renewed again.
        session = session with { RefreshToken = renewed.RefreshToken, RenewedAt = now };
        sessions.Save(session);
        return (session, renewed.Access, false);
    }

    private async Task<IamToken> AssumeAsync(PersonSession session, IamToken personToken, Deadline deadline)
    {
        using var iam = connectIam(session.IamUrl);
        try
        {
            return await iam.AssumeProfileAsPersonAsync(personToken, session.Profile!, deadline).ConfigureAwait(false);
        }
        catch (SessionEndedException ended)
        {
            throw Ended(session, ended);
        }
    }

    /// <summary>The session and its tokens go; what is left is one line saying whose session ended, why, and what to run.</summary>
    private HelperException Ended(PersonSession session, SessionEndedException ended)
    {
        log.Warning("session of {Person} ended: {Rejection}", session.Person, ended.Message);
        sessions.RemoveIfStill(session);
        Forget(session);
        return new HelperException($"{session.Person} was signed in, but the session has ended: {ended.Reason}; {SignInAgain}");
    }
}
