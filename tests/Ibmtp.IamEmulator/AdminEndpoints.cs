using System.Text.Json.Serialization;

namespace Ibmtp.Emulators;

/// <summary>
/// The test controls of <see cref="IamEmulator"/> over HTTP, for scripts driving a standalone emulator.
/// Mapped only in standalone mode: in-process tests call the C# methods instead.
/// </summary>
internal static class AdminEndpoints
{
    /// <param name="tlsCertificatePemPath">The server certificate's PEM file when serving HTTPS, else null.</param>
    public static void Map(IEndpointRouteBuilder endpoints, string? tlsCertificatePemPath)
    {
        var admin = endpoints.MapGroup("/_emulator");
        admin.MapPost("/service-ids", (ServiceIdApiKey request, IdentityDirectory directory) =>
        {
            directory.AddServiceIdApiKey(request.ApiKey, request.ServiceIdName);
            return TypedResults.NoContent();
        });
        admin.MapPost("/compute-resource-tokens", (ComputeResourceToken request, IdentityDirectory directory) =>
        {
            directory.AddComputeResourceToken(request.Token, request.Subject);
            return TypedResults.NoContent();
        });
        admin.MapPost("/trusted-profiles", (Profile request, IdentityDirectory directory) =>
        {
            directory.AddTrustedProfile(new TrustedProfile(
                request.Id, request.Crn, request.Name, request.AccountId, request.Trusts.ToHashSet(StringComparer.Ordinal)));
            return TypedResults.NoContent();
        });
        admin.MapPost("/trusted-profiles/{id}/service-accounts", (string id, ServiceAccount request, IdentityDirectory directory) =>
            directory.TrustServiceAccount(id, request.ToAccount()) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/service-account-tokens", (ServiceAccountTokenRequest request, ServiceAccountTokens tokens) =>
            TypedResults.Ok(new ServiceAccountToken(tokens.Issue(
                request.Account.ToAccount(), request.Audience ?? ServiceAccountTokens.IamAudience, TimeSpan.FromSeconds(request.ExpirationSeconds ?? 3600)))));
        admin.MapPost("/metadata-server", (MetadataServerChoice request, EmulatorSettings settings) =>
        {
            // By exact name only: Enum.TryParse would also take numbers and any case.
            var names = Enum.GetNames<MetadataServer>();
            if (!names.Contains(request.Server, StringComparer.Ordinal))
            {
                return Results.BadRequest($"'server' must be one of {string.Join(", ", names)}");
            }

            settings.MetadataServer = Enum.Parse<MetadataServer>(request.Server);
            return Results.NoContent();
        });
        admin.MapPost("/people", (PersonRequest request, IdentityDirectory directory) =>
        {
            directory.AddPerson(request.ToPerson());
            return TypedResults.NoContent();
        });
        admin.MapPost("/trusted-profiles/{id}/people", (string id, PeopleRequest request, IdentityDirectory directory) =>
            directory.UpdateProfile(id, profile => profile.AlsoTrustingPeople(request.IamIds)) ? Results.NoContent() : Results.NotFound());
        admin.MapDelete("/trusted-profiles/{id}/people/{iamId}", (string id, string iamId, IdentityDirectory directory) =>
            directory.UpdateProfile(id, profile => profile.NoLongerTrustingPerson(iamId)) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/trusted-profiles/{id}/federated-rules", (string id, FederatedRuleRequest request, IdentityDirectory directory) =>
        {
            if (request.Expiration <= 0)
            {
                return Results.BadRequest("'expiration' must be a positive number of seconds");
            }

            return directory.UpdateProfile(id, profile => profile.WithRule(request.ToRule())) ? Results.NoContent() : Results.NotFound();
        });
        admin.MapDelete("/trusted-profiles/{id}/federated-rules/{name}", (string id, string name, IdentityDirectory directory) =>
            directory.UpdateProfile(id, profile => profile.WithoutRule(name)) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/passcodes", (PasscodeRequest request, Passcodes passcodes) =>
            passcodes.TryIssue(request.IamId, request.ProfileId, out var refusal) is { } passcode
                ? Results.Ok(new IssuedPasscode(passcode))
                : Results.BadRequest(refusal));
        admin.MapPost("/sign-in-settings", (SignInSettings request, EmulatorSettings settings) =>
        {
            if (request.PasscodeLifetimeSeconds <= 0)
            {
                return Results.BadRequest("'passcodeLifetimeSeconds' must be a positive number of seconds");
            }

            if (request.PasscodeLifetimeSeconds is { } seconds)
            {
                settings.PasscodeLifetime = TimeSpan.FromSeconds(seconds);
            }

            if (request.SingleUseRefreshTokens is { } singleUse)
            {
                settings.SingleUseRefreshTokens = singleUse;
            }

            return Results.NoContent();
        });
        admin.MapPost("/session-policy", (SessionPolicyRequest request, SignInSessions sessions) =>
        {
            if (request.MaxLengthSeconds <= 0 || request.InactivitySeconds <= 0)
            {
                return Results.BadRequest("'maxLengthSeconds' and 'inactivitySeconds' must be positive numbers of seconds");
            }

            var policy = new SessionPolicy(TimeSpan.FromSeconds(request.MaxLengthSeconds), TimeSpan.FromSeconds(request.InactivitySeconds));
            if (request.AccountId is null)
            {
                sessions.DefaultPolicy = policy;
            }
            else
            {
                sessions.SetPolicy(request.AccountId, policy);
            }

            return Results.NoContent();
        });
        admin.MapDelete("/sessions/{id}", (string id, SignInSessions sessions) =>
            sessions.Revoke(id) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/clock", (ClockRequest request, EmulatorClock clock) =>
        {
            if (request.AheadSeconds < 0)
            {
                return Results.BadRequest("'aheadSeconds' must not be negative");
            }

            clock.Ahead = TimeSpan.FromSeconds(request.AheadSeconds);
            return Results.NoContent();
        });
        admin.MapPost("/revoke-all", (IssuedTokens tokens, SignInSessions sessions) =>
        {
            sessions.RevokeAll();
            tokens.RevokeAll();
            return TypedResults.NoContent();
        });
        admin.MapPost("/reset", (RequestCounters counters) =>
        {
            counters.Reset();
            return TypedResults.NoContent();
        });
        admin.MapGet("/counts", (RequestCounters counters) => TypedResults.Ok(new Counts(
            counters.TokenRequests,
            counters.TokenRequestsFor(GrantTypes.ApiKey),
            counters.TokenRequestsFor(GrantTypes.Assume),
            counters.TokenRequestsFor(GrantTypes.ComputeResourceToken),
            counters.InstanceIdentityTokenRequests,
            counters.InstanceIamTokenRequests,
            counters.RegistryTokenRequests,
            counters.TokenRequestsFor(GrantTypes.Passcode),
            counters.TokenRequestsFor(GrantTypes.RefreshToken),
            counters.PasscodesIssued,
            counters.PersonAssumeGrants)));
        admin.MapGet("/registry", (RegistryTokenSigner signer) => TypedResults.Ok(new Registry(signer.Issuer, signer.CertificatePemPath)));
        admin.MapGet("/tls", () => TypedResults.Ok(new Tls(tlsCertificatePemPath)));
    }

    private sealed record ServiceIdApiKey([property: JsonRequired] string ApiKey, [property: JsonRequired] string ServiceIdName);

    private sealed record ComputeResourceToken([property: JsonRequired] string Token, [property: JsonRequired] string Subject);

    private sealed record Profile(
        [property: JsonRequired] string Id,
        [property: JsonRequired] string Crn,
        [property: JsonRequired] string Name,
        [property: JsonRequired] string AccountId,
        [property: JsonRequired] IReadOnlyList<string> Trusts);

    private sealed record ServiceAccount([property: JsonRequired] string Cluster, [property: JsonRequired] string Namespace, [property: JsonRequired] string Name)
    {
        public KubernetesServiceAccount ToAccount() => new(Cluster, Namespace, Name);
    }

    /// <summary>A <see cref="MetadataServer"/> by name, such as <c>BareMetalServer</c>.</summary>
    private sealed record MetadataServerChoice([property: JsonRequired] string Server);

    private sealed record ServiceAccountTokenRequest([property: JsonRequired] ServiceAccount Account, string? Audience, int? ExpirationSeconds);

    private sealed record ServiceAccountToken(string Token);

    private sealed record Counts(
        int TokenRequests,
        int ApiKeyGrants,
        int AssumeGrants,
        int CrTokenGrants,
        int InstanceIdentityTokenRequests,
        int InstanceIamTokenRequests,
        int RegistryTokenRequests,
        int PasscodeGrants,
        int RefreshGrants,
        int PasscodesIssued,
        int PersonAssumeGrants);

    /// <summary>A person; <c>realm</c> and <c>samlAttributes</c> only for a federated one.</summary>
    private sealed record PersonRequest(
        [property: JsonRequired] string IamId,
        [property: JsonRequired] string Name,
        [property: JsonRequired] string Email,
        [property: JsonRequired] string AccountId,
        [property: JsonRequired] string Password,
        string? Realm,
        IReadOnlyDictionary<string, string>? SamlAttributes)
    {
        public Person ToPerson() => new(IamId, Name, Email, AccountId, Password)
        {
            Realm = Realm,
            SamlAttributes = new Dictionary<string, string>(SamlAttributes ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        };
    }

    private sealed record PeopleRequest([property: JsonRequired] IReadOnlyList<string> IamIds);

    /// <summary>A federated rule; <c>conditions</c> maps SAML attribute names to the values they must equal, <c>expiration</c> is in seconds.</summary>
    private sealed record FederatedRuleRequest(
        [property: JsonRequired] string Name,
        [property: JsonRequired] string Realm,
        [property: JsonRequired] IReadOnlyDictionary<string, string> Conditions,
        [property: JsonRequired] int Expiration)
    {
        public FederatedTrustRule ToRule() =>
            new(Name, Realm, new Dictionary<string, string>(Conditions, StringComparer.Ordinal), TimeSpan.FromSeconds(Expiration));
    }

    private sealed record PasscodeRequest([property: JsonRequired] string IamId, string? ProfileId);

    private sealed record IssuedPasscode(string Passcode);

    private sealed record SignInSettings(int? PasscodeLifetimeSeconds, bool? SingleUseRefreshTokens);

    /// <summary>The session policy of <c>accountId</c>, or without one the policy of every account with none of its own.</summary>
    private sealed record SessionPolicyRequest(string? AccountId, [property: JsonRequired] int MaxLengthSeconds, [property: JsonRequired] int InactivitySeconds);

    private sealed record ClockRequest([property: JsonRequired] int AheadSeconds);

    private sealed record Registry(string Issuer, string CertificatePemPath);

    private sealed record Tls(string? CertificatePemPath);
}
