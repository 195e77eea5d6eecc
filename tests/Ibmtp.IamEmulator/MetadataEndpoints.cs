using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ibmtp.Emulators;

/// <summary>
/// The two calls of the VPC instance metadata service that turn an instance's identity into an IAM token of a trusted profile.
/// </summary>
internal static class MetadataEndpoints
{
    private const string InstanceIdentityOrigin = "instance_identity";
    private const string InstanceIamTokenOrigin = "instance_identity/iam_token";
    private const int DefaultInstanceTokenSeconds = 300;
    private const int MinimumInstanceTokenSeconds = 5;
    private const int MaximumInstanceTokenSeconds = 3600;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/instance_identity/v1/token", CreateInstanceIdentityTokenAsync);
        endpoints.MapPost("/instance_identity/v1/iam_token", CreateIamTokenAsync);
    }

    private static async Task<IResult> CreateInstanceIdentityTokenAsync(
        HttpRequest request,
        IssuedTokens tokens,
        RequestCounters counters,
        CancellationToken cancellationToken)
    {
        counters.CountInstanceIdentityTokenRequest();
        if (CheckMetadataRequest(request) is { } invalid)
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

        var token = tokens.Issue(
            IssuedTokenKind.InstanceIdentityToken, IamEmulator.VpcInstance, InstanceIdentityOrigin, TimeSpan.FromSeconds(seconds));
        return TypedResults.Ok(InstanceTokenResponse.From(token));
    }

    private static async Task<IResult> CreateIamTokenAsync(
        HttpRequest request,
        IssuedTokens tokens,
        IdentityDirectory directory,
        EmulatorSettings settings,
        RequestCounters counters,
        CancellationToken cancellationToken)
    {
        counters.CountInstanceIamTokenRequest();
        if (CheckMetadataRequest(request) is { } invalid)
        {
            return invalid;
        }

        var authorization = request.Headers.Authorization.ToString();
        const string bearerPrefix = "Bearer ";
        if (!authorization.StartsWith(bearerPrefix, StringComparison.Ordinal)
            || !tokens.TryGetLive(authorization[bearerPrefix.Length..], IssuedTokenKind.InstanceIdentityToken, out var instance))
        {
            return MetadataError.Unauthorized("A live instance identity token is required as the Bearer token.");
        }

        var text = await new StreamReader(request.Body).ReadToEndAsync(cancellationToken);
        if (ParseBody(text, out var body) is { } malformed)
        {
            return malformed;
        }

        if (ReadProfile(body, directory.VpcDefaultProfileId, out var reference) is { } invalidProfile)
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

        var token = tokens.Issue(IssuedTokenKind.IamAccessToken, profile.Id, InstanceIamTokenOrigin, settings.TokenLifetime);
        return TypedResults.Ok(InstanceTokenResponse.From(token));
    }

    private static MetadataError? CheckMetadataRequest(HttpRequest request)
    {
        // The header is what keeps a server-side request forgery (which cannot set headers) away from the instance's identity.
        if (request.Headers["Metadata-Flavor"] != "ibm")
        {
            return MetadataError.BadRequest("The 'Metadata-Flavor: ibm' header is required.");
        }

        return string.IsNullOrEmpty(request.Query["version"])
            ? MetadataError.BadRequest("The 'version' query parameter is required.")
            : null;
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

    /// <summary>Reads <c>trusted_profile.id</c> or <c>trusted_profile.crn</c>; without either the instance's default profile applies.</summary>
    private static MetadataError? ReadProfile(JsonObject? body, string? defaultProfileId, out ProfileReference reference)
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
        reference = id is not null ? ProfileReference.ById(id) : ProfileReference.ByCrn(crn ?? string.Empty);
        return (id is null) == (crn is null)
            ? MetadataError.BadRequest("'trusted_profile' must have exactly one of 'id' or 'crn'.")
            : null;
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
