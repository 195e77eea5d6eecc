using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ibmtp.Emulators;

/// <summary>
/// The two calls of a metadata service that turn a machine's identity into an IAM token of a trusted profile:
/// VPC's in both of its API generations (<c>/instance_identity/v1/*</c> before version 2025-08-26,
/// <c>/identity/v1/*</c> from it; a bare metal server only the latter), and Power Virtual Server's, under
/// <see cref="PowerVsPrefix"/>, which takes no version and always names its profile.
/// </summary>
internal static class MetadataEndpoints
{
    /// <summary>Where the PowerVS metadata service is, below the emulator's address.</summary>
    public const string PowerVsPrefix = "/powervs";

    private const int DefaultInstanceTokenSeconds = 300;
    private const int MinimumInstanceTokenSeconds = 5;
    private const int MaximumInstanceTokenSeconds = 3600;
    private static readonly DateOnly FirstIdentityVersion = new(2022, 3, 1);
    private static readonly DateOnly IdentityPathsVersion = new(2025, 8, 26);

    private enum Api
    {
        /// <summary>VPC's <c>/instance_identity/v1/*</c>.</summary>
        InstanceIdentity,

        /// <summary>VPC's <c>/identity/v1/*</c>.</summary>
        Identity,

        PowerVs,
    }

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        MapApi(endpoints, Api.InstanceIdentity, "/instance_identity/v1/token", "/instance_identity/v1/iam_token", "instance_identity");
        MapApi(endpoints, Api.Identity, "/identity/v1/token", "/identity/v1/iam_tokens", "identity");
        MapApi(endpoints, Api.PowerVs, PowerVsPrefix + "/identity/v1/token", PowerVsPrefix + "/identity/v1/iam_tokens", "powervs");
    }

    private static void MapApi(IEndpointRouteBuilder endpoints, Api api, string tokenPath, string iamTokenPath, string origin)
    {
        endpoints.MapPut(tokenPath, (HttpRequest request, IssuedTokens tokens, EmulatorSettings settings, RequestCounters counters, CancellationToken cancellationToken) =>
        {
            counters.CountMetadataRequest("PUT " + tokenPath);
            if (api != Api.PowerVs)
            {
                counters.CountInstanceIdentityTokenRequest();
            }

            return CreateInstanceIdentityTokenAsync(api, origin, request, tokens, settings, cancellationToken);
        });
        endpoints.MapPost(iamTokenPath, (HttpRequest request, IssuedTokens tokens, IdentityDirectory directory, EmulatorSettings settings, RequestCounters counters, CancellationToken cancellationToken) =>
        {
            counters.CountMetadataRequest("POST " + iamTokenPath);
            if (api != Api.PowerVs)
            {
                counters.CountInstanceIamTokenRequest();
            }

            return CreateIamTokenAsync(api, origin + iamTokenPath[iamTokenPath.LastIndexOf('/')..], request, tokens, directory, settings, cancellationToken);
        });
    }

    private static string Machine(Api api) => api == Api.PowerVs ? IamEmulator.PowerVsInstance : IamEmulator.VpcInstance;

    private static async Task<IResult> CreateInstanceIdentityTokenAsync(
        Api api,
        string origin,
        HttpRequest request,
        IssuedTokens tokens,
        EmulatorSettings settings,
        CancellationToken cancellationToken)
    {
        if (CheckMetadataRequest(api, request, settings.MetadataServer) is { } invalid)
        {
            return invalid;
        }

        var text = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken);
        if (ParseBody(text, out var body) is { } malformed)
        {
            return malformed;
        }

        if (ReadInstanceTokenSeconds(body, out var seconds) is { } invalidLifetime)
        {
            return invalidLifetime;
        }

        var token = tokens.Issue(IssuedTokenKind.InstanceIdentityToken, Machine(api), origin, TimeSpan.FromSeconds(seconds));
        return TypedResults.Ok(InstanceTokenResponse.From(token));
    }

    private static async Task<IResult> CreateIamTokenAsync(
        Api api,
        string origin,
        HttpRequest request,
        IssuedTokens tokens,
        IdentityDirectory directory,
        EmulatorSettings settings,
        CancellationToken cancellationToken)
    {
        if (CheckMetadataRequest(api, request, settings.MetadataServer) is { } invalid)
        {
            return invalid;
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearerPrefix = "Bearer ";
        if (!authorization.StartsWith(bearerPrefix, StringComparison.Ordinal)
            || !tokens.TryGetLive(authorization[bearerPrefix.Length..], IssuedTokenKind.InstanceIdentityToken, out var instance)
            || instance.Subject != Machine(api))
        {
            return MetadataError.Unauthorized("A live instance identity token is required as the Bearer token.");
        }

        var text = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken);
        if (ParseBody(text, out var body) is { } malformed)
        {
            return malformed;
        }

        var defaultProfileId = api == Api.PowerVs ? null : directory.VpcDefaultProfileId;
        if (ReadProfile(body, defaultProfileId, byName: api != Api.InstanceIdentity, out var reference) is { } invalidProfile)
        {
            return invalidProfile;
        }

        var profile = directory.FindProfile(reference);
        if (profile is null)
        {
            return MetadataError.ProfileNotFound();
        }

        if (!profile.Trusts(instance.Subject))
        {
            return MetadataError.NotTrusted();
        }

        var token = tokens.Issue(IssuedTokenKind.IamAccessToken, profile.Id, origin, settings.TokenLifetime);
        return TypedResults.Ok(InstanceTokenResponse.From(token));
    }

    private static MetadataError? CheckMetadataRequest(Api api, HttpRequest request, MetadataServer server)
    {
        // The header is what keeps a server-side request forgery (which cannot set headers) away from the instance's identity.
        if (request.Headers["Metadata-Flavor"] != "ibm")
        {
            return MetadataError.BadRequest("The 'Metadata-Flavor: ibm' header is required.");
        }

        return api == Api.PowerVs ? null : CheckVpcVersion(api, request.Query["version"].ToString(), server);
    }

    /// <summary>The VPC paths each machine and API version answer, as IBM's migration guide for 2025-08-26 describes them.</summary>
    private static MetadataError? CheckVpcVersion(Api api, string text, MetadataServer server)
    {
        if (string.IsNullOrEmpty(text))
        {
            return MetadataError.BadRequest("The 'version' query parameter is required.");
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var version) || version < FirstIdentityVersion)
        {
            return MetadataError.BadRequest($"The 'version' query parameter must be a date from {FirstIdentityVersion:yyyy-MM-dd} on, in the format YYYY-MM-DD.");
        }

        return (api, server) switch
        {
            (Api.InstanceIdentity, MetadataServer.BareMetalServer) =>
                MetadataError.NotFound("Methods with /instance_identity in the path cannot be used on bare metal servers; use /identity."),
            (Api.InstanceIdentity, _) when version >= IdentityPathsVersion =>
                MetadataError.NotFound($"Methods with /instance_identity in the path cannot be used with version {IdentityPathsVersion:yyyy-MM-dd} or later; use /identity."),
            (Api.Identity, MetadataServer.VirtualServerBefore20250826) => MetadataError.NotFound("Not found."),
            (Api.Identity, _) when version < IdentityPathsVersion =>
                MetadataError.BadRequest($"Methods with /identity in the path need version {IdentityPathsVersion:yyyy-MM-dd} or later."),
            _ => null,
        };
    }

    private static MetadataError? ParseBody(string text, out JsonObject? body)
    {
        body = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        return body is null ? MetadataError.BadRequest("The request body must be a JSON object.") : null;
    }

    /// <summary>
    /// Reads <c>trusted_profile.id</c> or <c>.crn</c> (or <c>.name</c>, where <paramref name="byName"/>); without
    /// a <c>trusted_profile</c> the machine's default profile applies, if it has one.
    /// </summary>
    private static MetadataError? ReadProfile(JsonObject? body, string? defaultProfileId, bool byName, out ProfileReference reference)
    {
        if (body?["trusted_profile"] is not { } trustedProfile)
        {
            reference = ProfileReference.ById(defaultProfileId ?? string.Empty);
            return defaultProfileId is null
                ? MetadataError.BadRequest("The instance has no default trusted profile; name one in 'trusted_profile'.")
                : null;
        }

        var id = StringProperty(trustedProfile, "id");
        var crn = StringProperty(trustedProfile, "crn");
        var name = byName ? StringProperty(trustedProfile, "name") : null;
        reference = id is not null ? ProfileReference.ById(id)
            : crn is not null ? ProfileReference.ByCrn(crn)
            : new ProfileReference(null, null, name ?? string.Empty, null);
        var named = new[] { id, crn, name }.Count(value => value is not null);
        return named == 1
            ? null
            : MetadataError.BadRequest(byName
                ? "'trusted_profile' must have exactly one of 'id', 'crn' or 'name'."
                : "'trusted_profile' must have exactly one of 'id' or 'crn'.");
    }

    private static MetadataError? ReadInstanceTokenSeconds(JsonObject? body, out int seconds)
    {
        seconds = DefaultInstanceTokenSeconds;
        if (body?["expires_in"] is not { } expiresIn)
        {
            return null;
        }

        var valid = expiresIn is JsonValue value
            && value.TryGetValue(out seconds)
            && seconds is >= MinimumInstanceTokenSeconds and <= MaximumInstanceTokenSeconds;
        return valid
            ? null
            : MetadataError.BadRequest(
                $"'expires_in' must be an integer from {MinimumInstanceTokenSeconds} to {MaximumInstanceTokenSeconds}.");
    }

    private static string? StringProperty(JsonNode node, string name) =>
        node is JsonObject fields && fields[name] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0
            ? text
            : null;
}
