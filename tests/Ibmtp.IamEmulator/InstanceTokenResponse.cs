using System.Text.Json.Serialization;

namespace Ibmtp.Emulators;

/// <summary>The body the metadata service returns for both of its tokens; times are RFC 3339 strings, as in the VPC APIs.</summary>
internal sealed record InstanceTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("expires_at")] string ExpiresAt,
    [property: JsonPropertyName("expires_in")] long ExpiresIn)
{
    public static InstanceTokenResponse From(IssuedToken token) => new(
        token.Value,
        Rfc3339.Format(token.IssuedAt),
        Rfc3339.Format(token.ExpiresAt),
        (long)token.Lifetime.TotalSeconds);
}
