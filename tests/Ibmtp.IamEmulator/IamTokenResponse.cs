using System.Text.Json.Serialization;

namespace Ibmtp.Emulators;

/// <summary>The body IAM returns for a successful grant.</summary>
internal sealed record IamTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("expiration")] long Expiration,
    [property: JsonPropertyName("scope")] string Scope)
{
    /// <summary>The person's sign-in session, on the answers of the passcode and refresh grants only.</summary>
    [JsonPropertyName("session_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SessionId { get; init; }

    // Trusted-profile and API-key grants never yield a usable refresh token; IAM says so with this literal.
    public static IamTokenResponse From(IssuedToken token) => new(
        token.Value,
        "not_supported",
        "Bearer",
        (long)token.Lifetime.TotalSeconds,
        token.ExpiresAt.ToUnixTimeSeconds(),
        "ibm openid");

    /// <summary>The answer of a grant in a person's session: a refresh token of its own and the session's ID.</summary>
    public static IamTokenResponse InSession(IssuedToken token, string refreshToken, string sessionId) =>
        From(token) with { RefreshToken = refreshToken, SessionId = sessionId };
}
