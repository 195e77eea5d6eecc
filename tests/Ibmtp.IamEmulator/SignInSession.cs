namespace Ibmtp.Emulators;

/// <summary>
/// A person's sign-in session, begun by a passcode grant: the tokens of its grants, when it began, when it was last
/// used, and the profile it acts as when the person picked one before the passcode was issued.
/// </summary>
/// <param name="Id">The <c>session_id</c> IAM returns beside the session's first tokens.</param>
/// <param name="AccountId">The account the session is for, whose session policy it follows.</param>
/// <param name="ActingAs">The profile every token of the session acts as; null when the tokens are the person's own.</param>
/// <param name="ActingUntil">The end a federated trust rule's expiration puts on a session acting as <paramref name="ActingAs"/>.</param>
internal sealed class SignInSession(string id, Person person, string accountId, TrustedProfile? actingAs, DateTimeOffset startedAt, DateTimeOffset? actingUntil)
{
    private readonly Lock gate = new();
    private readonly List<string> accessTokens = [];
    private readonly List<string> refreshTokens = [];
    private DateTimeOffset lastActivity = startedAt;
    private bool revoked;

    public string Id { get; } = id;

    public Person Person { get; } = person;

    public string AccountId { get; } = accountId;

    public TrustedProfile? ActingAs { get; } = actingAs;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public DateTimeOffset? ActingUntil { get; } = actingUntil;

    public DateTimeOffset LastActivity
    {
        get
        {
            lock (gate)
            {
                return lastActivity;
            }
        }
    }

    public bool IsRevoked
    {
        get
        {
            lock (gate)
            {
                return revoked;
            }
        }
    }

    /// <summary>A grant used the session: its inactivity is counted again from <paramref name="now"/>.</summary>
    public void Touch(DateTimeOffset now)
    {
        lock (gate)
        {
            lastActivity = now > lastActivity ? now : lastActivity;
        }
    }

    public void AddAccessToken(string value)
    {
        lock (gate)
        {
            accessTokens.Add(value);
        }
    }

    /// <summary>The access tokens issued in the session so far, oldest first.</summary>
    public IReadOnlyList<string> AccessTokens
    {
        get
        {
            lock (gate)
            {
                return [.. accessTokens];
            }
        }
    }

    public void AddRefreshToken(string value)
    {
        lock (gate)
        {
            refreshTokens.Add(value);
        }
    }

    /// <summary>The refresh tokens issued in the session so far, oldest first.</summary>
    public IReadOnlyList<string> RefreshTokens
    {
        get
        {
            lock (gate)
            {
                return [.. refreshTokens];
            }
        }
    }

    /// <summary>Ends the session; returns the access tokens issued in it, for the caller to revoke.</summary>
    public IReadOnlyList<string> Revoke()
    {
        lock (gate)
        {
            revoked = true;
            return [.. accessTokens];
        }
    }
}
