using System.Text.Json.Nodes;

namespace Ibmtp.Emulators;

/// <summary>
/// The grants of people: the passcode grant that begins a sign-in session, the refresh grant that continues it, and
/// the assume grant with a person's token, for a profile that trusts the person.
/// </summary>
internal sealed class PersonGrants(
    IdentityDirectory directory,
    IssuedTokens tokens,
    Passcodes passcodes,
    SignInSessions sessions,
    EmulatorSettings settings,
    EmulatorClock clock,
    RequestCounters counters)
{
    private const string PasscodeField = "passcode";
    private const string RefreshTokenField = "refresh_token";
    private const string AccountField = "account";

    public IResult ExchangePasscode(TokenRequestForm form)
    {
        if (form.Check(required: [PasscodeField], optional: [AccountField]) is { } invalid)
        {
            return invalid;
        }

        if (!passcodes.TryRedeem(form.Required(PasscodeField), out var passcode)
            || !directory.TryFindPerson(passcode.PersonIamId, out var person))
        {
            return IamError.InvalidToken(PasscodeField);
        }

        TrustedProfile? profile = null;
        DateTimeOffset? actingUntil = null;
        if (passcode.ProfileId is not null)
        {
            profile = directory.FindProfile(ProfileReference.ById(passcode.ProfileId));
            if (profile is null)
            {
                return IamError.ProfileNotFound();
            }

            if (!profile.Trusts(person, clock.UtcNow, out actingUntil))
            {
                return IamError.PersonNotTrusted();
            }
        }

        // A person is a member of their own account only; a session acting as a profile is in the profile's account.
        var accountId = profile?.AccountId ?? person.AccountId;
        if (form[AccountField] is { } requested && requested != accountId)
        {
            return IamError.InvalidValue(AccountField, requested);
        }

        return IssueInSession(sessions.Start(person, accountId, profile, actingUntil), GrantTypes.Passcode);
    }

    public IResult Refresh(TokenRequestForm form)
    {
        if (form.Check(required: [RefreshTokenField], optional: []) is { } invalid)
        {
            return invalid;
        }

        if (!sessions.TryRedeemRefreshToken(form.Required(RefreshTokenField), use: true, out var session))
        {
            return IamError.InvalidToken(RefreshTokenField);
        }

        if (sessions.Check(session, RefreshTokenField) is { } ended)
        {
            return ended;
        }

        // A session acting as a profile keeps doing so only while the profile still trusts the person.
        if (session.ActingAs is not null && !StillTrusted(session))
        {
            return IamError.PersonNotTrusted();
        }

        return IssueInSession(session, GrantTypes.RefreshToken);
    }

    /// <summary>The assume grant with a person's access token, from the passcode or refresh grant of a session that acts as no profile.</summary>
    public IResult AssumeWithAccessToken(ProfileReference reference, IssuedToken accessToken)
    {
        if (accessToken.SessionId is null
            || accessToken.Origin is not (GrantTypes.Passcode or GrantTypes.RefreshToken)
            || !sessions.TryFind(accessToken.SessionId, out var session))
        {
            return IamError.InvalidToken("access_token");
        }

        return Assume(reference, session, "access_token");
    }

    /// <summary>The assume grant with a person's refresh token; the refresh token is not used up, and stays good for the refresh grant.</summary>
    public IResult AssumeWithRefreshToken(ProfileReference reference, string refreshToken) =>
        sessions.TryRedeemRefreshToken(refreshToken, use: false, out var session)
            ? Assume(reference, session, RefreshTokenField)
            : IamError.InvalidToken(RefreshTokenField);

    private IResult Assume(ProfileReference reference, SignInSession session, string tokenProperty)
    {
        // A session that already acts as a profile cannot assume another, as a profile token cannot.
        if (session.ActingAs is not null)
        {
            return IamError.InvalidToken(tokenProperty);
        }

        if (sessions.Check(session, tokenProperty) is { } ended)
        {
            return ended;
        }

        var profile = directory.FindProfile(reference);
        if (profile is null)
        {
            return IamError.ProfileNotFound();
        }

        var person = CurrentPerson(session);
        if (!profile.Trusts(person, session.StartedAt, out var actingUntil))
        {
            return IamError.PersonNotTrusted();
        }

        var now = clock.UtcNow;
        if (actingUntil <= now)
        {
            return IamError.SessionExpired();
        }

        session.Touch(now);
        counters.CountPersonAssumeGrant();
        var notAfter = actingUntil < sessions.EndOf(session) ? actingUntil.Value : sessions.EndOf(session);
        var token = tokens.Issue(
            IssuedTokenKind.IamAccessToken, profile.Id, GrantTypes.Assume, settings.TokenLifetime, notAfter, ProfileClaims(profile, person, session), session.Id);
        session.AddAccessToken(token.Value);

        // Whether IAM returns a refresh token here is not confirmed publicly: like every other profile token, none.
        return TypedResults.Ok(IamTokenResponse.From(token));
    }

    private bool StillTrusted(SignInSession session) =>
        session.ActingAs is { } actingAs
        && directory.FindProfile(ProfileReference.ById(actingAs.Id)) is { } profile
        && profile.Trusts(CurrentPerson(session), session.StartedAt, out _);

    private IResult IssueInSession(SignInSession session, string grantType)
    {
        session.Touch(clock.UtcNow);
        var person = session.Person;
        var notAfter = sessions.EndOf(session);
        var token = session.ActingAs is { } profile
            ? tokens.Issue(IssuedTokenKind.IamAccessToken, profile.Id, grantType, settings.TokenLifetime, notAfter, ProfileClaims(profile, person, session), session.Id)
            : tokens.Issue(IssuedTokenKind.IamAccessToken, person.IamId, grantType, settings.TokenLifetime, notAfter, PersonClaims(person, session), session.Id);
        session.AddAccessToken(token.Value);
        return TypedResults.Ok(IamTokenResponse.InSession(token, sessions.IssueRefreshToken(session), session.Id));
    }

    /// <summary>The person as registered now (a test may have changed their SAML attributes), or as they signed in if since removed.</summary>
    private Person CurrentPerson(SignInSession session) =>
        directory.TryFindPerson(session.Person.IamId, out var person) ? person : session.Person;

    /// <summary>The claims of a person's own token, named as in IAM's tokens for IBMid users: <c>sub</c> is the user name.</summary>
    private static JsonObject PersonClaims(Person person, SignInSession session) => new()
    {
        ["iam_id"] = person.IamId,
        ["id"] = person.IamId,
        ["realmid"] = person.Realm ?? "IBMid",
        ["sub"] = person.Email,
        ["sub_type"] = "user",
        ["name"] = person.Name,
        ["email"] = person.Email,
        ["account"] = Account(session.AccountId),
        ["session_id"] = session.Id,
        ["client_id"] = "bx",
    };

    /// <summary>The claims of a token acting as a profile for a person: the profile's identity, and the person in <c>authn</c>.</summary>
    private static JsonObject ProfileClaims(TrustedProfile profile, Person person, SignInSession session) => new()
    {
        ["iam_id"] = profile.IamId,
        ["id"] = profile.IamId,
        ["sub"] = profile.Id,
        ["sub_type"] = "Profile",
        ["name"] = profile.Name,
        ["account"] = Account(profile.AccountId),
        ["session_id"] = session.Id,
        ["authn"] = new JsonObject
        {
            ["iam_id"] = person.IamId,
            ["sub"] = person.Email,
            ["name"] = person.Name,
            ["email"] = person.Email,
            ["realmid"] = person.Realm ?? "IBMid",
        },
    };

    private static JsonObject Account(string accountId) => new() { ["bss"] = accountId, ["valid"] = true };
}
