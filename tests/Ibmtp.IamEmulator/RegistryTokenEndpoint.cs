using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ibmtp.Emulators;

/// <summary>
/// <c>GET /registry/token</c>: the token server of a registry in distribution's token-auth mode, accepting logins the way
/// IBM Cloud Container Registry does for <c>iambearer</c>: the password must be a live IAM access token.
/// Every requested action is granted; the emulator checks who the caller is, not what IAM policies would allow.
/// </summary>
internal static class RegistryTokenEndpoint
{
    public const string Path = "/registry/token";
    private const string BearerUsername = "iambearer";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);

    public static void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Path, Handle);

    private static IResult Handle(HttpRequest request, IssuedTokens tokens, RegistryTokenSigner signer, RequestCounters counters)
    {
        counters.CountRegistryTokenRequest();
        if (!TryReadBasicCredentials(request, out var username, out var password)
            || username != BearerUsername
            || !tokens.TryGetLive(password, IssuedTokenKind.IamAccessToken, out var iamToken))
        {
            return Unauthorized(request.HttpContext);
        }

        var service = request.Query["service"].ToString();
        if (service.Length == 0)
        {
            return Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST", "The 'service' parameter is required.");
        }

        // Clients send several scope parameters, or several scopes in one parameter separated by spaces.
        var scopeTexts = request.Query["scope"].SelectMany(value => (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var access = new JsonArray();
        foreach (var scopeText in scopeTexts)
        {
            if (!RegistryScope.TryParse(scopeText, out var scope))
            {
                return Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST", $"Invalid scope '{scopeText}'.");
            }

            access.Add(scope.ToAccessClaim());
        }

        var issuedAt = DateTimeOffset.UtcNow;
        var token = signer.Sign(new JsonObject
        {
            ["iss"] = signer.Issuer,
            ["sub"] = iamToken.Subject,
            ["aud"] = service,
            ["exp"] = (issuedAt + TokenLifetime).ToUnixTimeSeconds(),
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["access"] = access,
        });
        return TypedResults.Ok(new TokenResponse(token, token, (long)TokenLifetime.TotalSeconds, Rfc3339.Format(issuedAt)));
    }

    private static bool TryReadBasicCredentials(HttpRequest request, out string username, out string password)
    {
        username = password = string.Empty;
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        username = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }

    private static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Path}\"";
        return Error(StatusCodes.Status401Unauthorized, "UNAUTHORIZED", $"Log in as '{BearerUsername}' with a live IAM access token.");
    }

    // The error body of distribution's token servers, which registry clients print as is.
    private static IResult Error(int statusCode, string code, string message) =>
        TypedResults.Json(new ErrorBody([new ErrorEntry(code, message)]), statusCode: statusCode);

    private sealed record TokenResponse(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn,
        [property: JsonPropertyName("issued_at")] string IssuedAt);

    private sealed record ErrorBody([property: JsonPropertyName("errors")] IReadOnlyList<ErrorEntry> Errors);

    private sealed record ErrorEntry(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("message")] string Message);
}
