namespace Ibmtp.Emulators;

/// <summary>The grants of <c>/identity/token</c>: validation, identity lookup, trust check, token issue.</summary>
internal sealed class TokenGrants(
    IdentityDirectory directory,
    IssuedTokens tokens,
    ServiceAccountTokens serviceAccountTokens,
    EmulatorSettings settings,
    PersonGrants people)
{
    public IResult Exchange(TokenRequestForm form) => form.GrantType switch
    {
        GrantTypes.ApiKey => ExchangeApiKey(form),
        GrantTypes.Assume => AssumeProfile(form),
        GrantTypes.ComputeResourceToken => ExchangeComputeResourceToken(form),
        GrantTypes.Passcode => people.ExchangePasscode(form),
        GrantTypes.RefreshToken => people.Refresh(form),
        "" => IamError.MissingProperty("grant_type"),
        var unsupported => IamError.InvalidValue("grant_type", unsupported),
    };

    private IResult ExchangeApiKey(TokenRequestForm form)
    {
        if (form.Check(required: ["apikey"], optional: []) is { } invalid)
        {
            return invalid;
        }

        return directory.TryFindServiceId(form.Required("apikey"), out var serviceIdName)
            ? Issue(serviceIdName, GrantTypes.ApiKey)
            : IamError.ApiKeyNotFound();
    }

    /// <summary>
    /// The assume grant takes a service ID's access token, or a person's access token or refresh token (which only a
    /// person's session has): one of the two fields, never both.
    /// </summary>
    private IResult AssumeProfile(TokenRequestForm form)
    {
        var tokenField = form["refresh_token"] is null ? "access_token" : "refresh_token";
        if (form.Check(required: [tokenField], optional: TokenRequestForm.ProfileFields) is { } invalid)
        {
            return invalid;
        }

        if (form.ReadProfile(accountRequiredWithName: true, out var reference) is { } invalidProfile)
        {
            return invalidProfile;
        }

        if (tokenField == "refresh_token")
        {
            return people.AssumeWithRefreshToken(reference, form.Required(tokenField));
        }

        // Only an identity's own token can assume a profile; a profile token cannot be chained into another profile.
        if (!tokens.TryGetLive(form.Required("access_token"), IssuedTokenKind.IamAccessToken, out var caller))
        {
            return IamError.InvalidToken("access_token");
        }

        return caller.Origin == GrantTypes.ApiKey
            ? IssueForProfile(reference, caller.Subject, GrantTypes.Assume)
            : people.AssumeWithAccessToken(reference, caller);
    }

    private IResult ExchangeComputeResourceToken(TokenRequestForm form)
    {
        if (form.Check(required: ["cr_token"], optional: TokenRequestForm.ComputeResourceProfileFields) is { } invalid)
        {
            return invalid;
        }

        if (form.ReadProfile(accountRequiredWithName: false, out var reference) is { } invalidProfile)
        {
            return invalidProfile;
        }

        var crToken = form.Required("cr_token");
        if (serviceAccountTokens.TryGetLiveForIam(crToken, out var account))
        {
            return IssueForComputeResource(reference, accountId: null, profile => profile.Trusts(account));
        }

        return directory.TryFindComputeResourceSubject(crToken, out var subject)
            ? IssueForComputeResource(reference, AccountOf(subject), profile => profile.Trusts(subject))
            : IamError.InvalidToken("cr_token");
    }

    /// <summary>
    /// IAM looks a profile name up in the compute resource's own account: the account of a subject's CRN, or, for a
    /// service account (whose cluster the emulator does not place in an account), that of the profiles holding trust
    /// conditions for it. A same-named profile elsewhere is never chosen.
    /// </summary>
    private IResult IssueForComputeResource(ProfileReference reference, string? accountId, Func<TrustedProfile, bool> trustsCaller)
    {
        var candidates = directory.FindProfiles(reference)
            .Where(profile => reference.Name is null || accountId is null || profile.AccountId == accountId)
            .ToList();
        var profile = candidates.FirstOrDefault(trustsCaller);
        if (profile is not null)
        {
            return Issue(profile.Id, GrantTypes.ComputeResourceToken);
        }

        return candidates.Count == 0 ? IamError.ProfileNotFound() : IamError.NotTrusted();
    }

    /// <summary>The account in a CRN's scope segment (<c>crn:v1:…:a/&lt;account&gt;:…</c>), or null when it names none.</summary>
    private static string? AccountOf(string crn) =>
        crn.Split(':') is [_, _, _, _, _, _, var scope, ..] && scope.StartsWith("a/", StringComparison.Ordinal) ? scope[2..] : null;

    private IResult IssueForProfile(ProfileReference reference, string callerIdentity, string grantType)
    {
        var profile = directory.FindProfile(reference);
        if (profile is null)
        {
            return IamError.ProfileNotFound();
        }

        return profile.Trusts(callerIdentity) ? Issue(profile.Id, grantType) : IamError.NotTrusted();
    }

    private IResult Issue(string subject, string grantType)
    {
        var token = tokens.Issue(IssuedTokenKind.IamAccessToken, subject, grantType, settings.TokenLifetime);
        return TypedResults.Ok(IamTokenResponse.From(token));
    }
}
