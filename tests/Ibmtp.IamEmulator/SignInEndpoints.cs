using System.Text.Json.Serialization;

namespace Ibmtp.Emulators;

/// <summary>
/// What a person signs in through: IAM's OpenID discovery document, which names the passcode page, and the passcode page
/// itself, a form that takes a person's e-mail address and password and shows a one-time passcode.
/// </summary>
internal static class SignInEndpoints
{
    public const string DiscoveryPath = "/identity/.well-known/openid-configuration";
    public const string PasscodePath = "/identity/passcode";

    private const string Form = """
        <form method="post" action="/identity/passcode">
        <p><label>IBMid <input name="username" type="email" autocomplete="username"></label></p>
        <p><label>Password <input name="password" type="password" autocomplete="current-password"></label></p>
        <p><label>Trusted profile ID (optional) <input name="profile_id"></label></p>
        <p><button type="submit">Sign in</button></p>
        </form>
        """;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DiscoveryPath, Discover);
        endpoints.MapGet(PasscodePath, () => Page(StatusCodes.Status200OK, "<h1>Get a one-time passcode</h1>" + Form));
        endpoints.MapPost(PasscodePath, ShowPasscodeAsync);
    }

    /// <summary>Names the emulator's endpoints on the address the request came to, so a client reaching it by another name gets that name back.</summary>
    private static IResult Discover(HttpRequest request)
    {
        var identity = $"{request.Scheme}://{request.Host}/identity";
        return TypedResults.Ok(new Discovery(
            identity,
            identity + "/authorize",
            identity + "/token",
            identity + "/passcode",
            identity + "/keys",
            [GrantTypes.ApiKey, GrantTypes.Assume, GrantTypes.ComputeResourceToken, GrantTypes.Passcode, GrantTypes.RefreshToken],
            ["cloud_iam"]));
    }

    private static async Task<IResult> ShowPasscodeAsync(HttpRequest request, IdentityDirectory directory, Passcodes passcodes, CancellationToken cancellationToken)
    {
        var fields = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        var person = directory.SignIn(fields["username"].ToString(), fields["password"].ToString());
        if (person is null)
        {
            return Page(StatusCodes.Status401Unauthorized, "<h1>Sign-in failed</h1><p>The IBMid or password is wrong.</p>" + Form);
        }

        var profileId = string.IsNullOrEmpty(fields["profile_id"]) ? null : fields["profile_id"].ToString();
        var passcode = passcodes.TryIssue(person.IamId, profileId, out _);

        // The passcode is letters and digits only; nothing the request sent is echoed back.
        return passcode is null
            ? Page(StatusCodes.Status403Forbidden, "<h1>No passcode</h1><p>The trusted profile does not exist or does not trust you.</p>" + Form)
            : Page(StatusCodes.Status200OK, $"<h1>Your one-time passcode</h1><p><code id=\"passcode\">{passcode}</code></p>");
    }

    private static IResult Page(int statusCode, string body) => TypedResults.Text(
        $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>IBM Cloud one-time passcode</title></head><body>\n{body}\n</body></html>\n",
        "text/html; charset=utf-8",
        statusCode: statusCode);

    private sealed record Discovery(
        [property: JsonPropertyName("issuer")] string Issuer,
        [property: JsonPropertyName("authorization_endpoint")] string AuthorizationEndpoint,
        [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
        [property: JsonPropertyName("passcode_endpoint")] string PasscodeEndpoint,
        [property: JsonPropertyName("jwks_uri")] string JwksUri,
        [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
        [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported);
}
