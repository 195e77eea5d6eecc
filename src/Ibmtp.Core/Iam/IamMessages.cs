using System.Text.Json.Serialization;
using Ibmtp.Tokens;

namespace Ibmtp.Iam;

/// <summary>The success body of <c>POST /identity/token</c>.</summary>
internal sealed class IamTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; set; }

    /// <summary>IAM's absolute expiry, in Unix seconds.</summary>
    [JsonPropertyName("expiration")]
    public long? Expiration { get; set; }

    /// <summary>The VPC metadata service's absolute expiry, as an RFC 3339 time.</summary>
    [JsonPropertyName("expires_at")]
    public string? ExpiresAt { get; set; }

    /// <summary>
    /// When the token expires on this machine's clock: <c>expires_in</c> when given, since it does not
    /// depend on the two clocks agreeing, else the absolute <c>expiration</c> or <c>expires_at</c>.
    /// A token that states no lifetime, or one already over, expires at once and is never handed out;
    /// no token is trusted for longer than <see cref="IamToken.LongestLifetime"/>.
    /// </summary>
    public DateTimeOffset ExpiresAtFrom(DateTimeOffset now)
    {
        // Clamped before it is added: a lifetime that ends past the year 9999 cannot be a date at all.
        var stated = ExpiresIn is { } seconds ? now.AddSeconds(Math.Clamp(seconds, 0, (long)IamToken.LongestLifetime.TotalSeconds))
            : Expiration is > 0 ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(Expiration.Value, DateTimeOffset.MaxValue.ToUnixTimeSeconds()))
            : DateTimeOffset.TryParse(ExpiresAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at
            : now;
        return stated < now + IamToken.LongestLifetime ? stated : now + IamToken.LongestLifetime;
    }
}

/// <summary>IAM's error body: <c>{"errorCode","errorMessage","context":{"requestId"}}</c>.</summary>
internal sealed class IamErrorResponse
{
    [JsonPropertyName("errorCode")]
    public string? ErrorCode { get; set; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; set; }

    [JsonPropertyName("context")]
    public IamErrorContext? Context { get; set; }
}

internal sealed class IamErrorContext
{
    [JsonPropertyName("requestId")]
    public string? RequestId { get; set; }
}

/// <summary>The VPC API's error body: <c>{"errors":[{"code","message"}],"trace"}</c>.</summary>
internal sealed class VpcErrorResponse
{
    [JsonPropertyName("errors")]
    public List<VpcError>? Errors { get; set; }

    [JsonPropertyName("trace")]
    public string? Trace { get; set; }
}

internal sealed class VpcError
{
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }
}

/// <summary>Body of the VPC metadata service's <c>PUT /instance_identity/v1/token</c>.</summary>
internal sealed class InstanceTokenRequest
{
    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }
}

/// <summary>Body of the VPC metadata service's <c>POST /instance_identity/v1/iam_token</c>.</summary>
internal sealed class VpcIamTokenRequest
{
    [JsonPropertyName("trusted_profile")]
    public VpcTrustedProfile? TrustedProfile { get; set; }
}

internal sealed class VpcTrustedProfile
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("crn")]
    public string? Crn { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IamTokenResponse))]
[JsonSerializable(typeof(IamErrorResponse))]
[JsonSerializable(typeof(VpcErrorResponse))]
[JsonSerializable(typeof(InstanceTokenRequest))]
[JsonSerializable(typeof(VpcIamTokenRequest))]
internal sealed partial class IamJsonContext : JsonSerializerContext;
