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
        admin.MapPost("/revoke-all", (IssuedTokens tokens) =>
        {
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
            counters.RegistryTokenRequests)));
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
        int RegistryTokenRequests);

    private sealed record Registry(string Issuer, string CertificatePemPath);

    private sealed record Tls(string? CertificatePemPath);
}
