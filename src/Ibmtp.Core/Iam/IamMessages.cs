using System.Text.Json.Serialization;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Iam;

/// <summary>The success body of <c>POST /identity/token</c>.</summary>
internal sealed class IamTokenResponse
{
    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; set; }

    /// <summary>A person's grants (passcode, refresh_token) only; the others answer <c>not_supported</c> or nothing.</summary>
    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }

    /// <summary>The person's IAM session, in the passcode and refresh grants' answers.</summary>
    [JsonPropertyName("session_id")]
    public string? SessionId { get; set; }

    /// <summary>IAM's absolute expiry, in Unix seconds.</summary>
    [JsonPropertyName("expiration")]
    public long? Expiration { get; set; }

    /// <summary>The VPC metadata service's absolute expiry, as an RFC 3339 time.</summary>
    [JsonPropertyName("expires_at")]
    public string? ExpiresAt { get; set; }

    /// <summary>
    /// The token this answer carries, or an <see cref="IamUnavailableException"/> that says why it
    /// carries none worth using. <paramref name="answer"/> names who answered what, e.g.
    /// "IAM at https://iam.cloud.ibm.com/ answered the apikey grant".
    /// </summary>
    public IamToken ToToken(string answer, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(AccessToken))
            throw new IamUnavailableException($"{answer} without an access token");
        if (AccessToken.Length > IamClient.LargestToken)
            throw new IamUnavailableException($"{answer} with a token of {AccessToken.Length} characters, far larger than any IAM token");
        // Refused here rather than as "already over": the clock is not to blame.
        if (ExpiresIn is null && Expiration is null && ExpiresAt is null)
            throw new IamUnavailableException($"{answer} with a token but no lifetime (expires_in, expiration or expires_at)");
        var token = new IamToken(new Secret(AccessToken), now, ExpiresAtFrom(now));
        // A lifetime stated as expires_in is counted on this machine's clock from now, so a token too short to use is the grant's doing, not the clock's.
        if (ExpiresIn is { } seconds && !token.IsUsable(now))
        {
            throw new IamUnavailableException(
                $"{answer} with a token too short to use: {seconds} seconds, where a token is handed out only with more than {IamToken.ExpiryMargin.TotalSeconds:0} seconds left");
        }
        return token;
    }

    /// <summary>
    /// When the token expires on this machine's clock: <c>expires_in</c> when given, since it does not
    /// depend on the two clocks agreeing, else the absolute <c>expiration</c> or <c>expires_at</c>.
    /// A lifetime that cannot be read, or one already over, expires at once and is never handed out;
    /// no token is trusted for longer than <see cref="IamToken.LongestLifetime"/>.
    /// </summary>
    private DateTimeOffset ExpiresAtFrom(DateTimeOffset now)
    {
        // Clamped before adding: a huge expires_in would overflow DateTimeOffset and fail the call with an unexpected exception.
        var stated = ExpiresIn is { } seconds ? now.AddSeconds(Math.Clamp(seconds, 0, (long)IamToken.LongestLifetime.TotalSeconds))
            : Expiration is > 0 ? DateTimeOffset.FromUnixTimeSeconds(Math.Min(Expiration.Value, DateTimeOffset.MaxValue.ToUnixTimeSeconds()))
            : DateTimeOffset.TryParse(ExpiresAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at
            : now;
        return stated < now + IamToken.LongestLifetime ? stated : now + IamToken.LongestLifetime;
    }
}

/// <summary>IAM's error body: <c>{"errorCode","errorMessage","errorDetails","context":{"requestId"}}</c>.</summary>
internal sealed class IamErrorResponse
{
    [JsonPropertyName("errorCode")]
    public string? ErrorCode { get; set; }

    [JsonPropertyName("errorMessage")]
    public string? ErrorMessage { get; set; }

    /// <summary>Why, when IAM says more: for a refused trust (BXNIM0398E), which token was refused which profile.</summary>
    [JsonPropertyName("errorDetails")]
    public string? ErrorDetails { get; set; }

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

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

/// <summary>The part of IAM's <c>GET /identity/.well-known/openid-configuration</c> a person's sign-in reads.</summary>
internal sealed class OpenIdConfiguration
{
    [JsonPropertyName("passcode_endpoint")]
    public string? PasscodeEndpoint { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IamTokenResponse))]
[JsonSerializable(typeof(IamErrorResponse))]
[JsonSerializable(typeof(VpcErrorResponse))]
[JsonSerializable(typeof(InstanceTokenRequest))]
[JsonSerializable(typeof(VpcIamTokenRequest))]
[JsonSerializable(typeof(OpenIdConfiguration))]
internal sealed partial class IamJsonContext : JsonSerializerContext;
