using System.Text.Json.Serialization;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>What the provider answers on stdout; an empty <see cref="Auth"/> tells the kubelet to fall back to image pull secrets.</summary>
public sealed record CredentialProviderResponse(
    [property: JsonPropertyName("cacheDuration"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CacheDuration,
    [property: JsonPropertyName("auth")] Dictionary<string, AuthConfig> Auth)
{
    [JsonPropertyName("apiVersion")]
    [JsonPropertyOrder(-3)]
    public string ApiVersion => KubeletApi.ApiVersion;

    [JsonPropertyName("kind")]
    [JsonPropertyOrder(-2)]
    public string Kind => KubeletApi.ResponseKind;

    [JsonPropertyName("cacheKeyType")]
    [JsonPropertyOrder(-1)]
    public string CacheKeyType => KubeletApi.RegistryCacheKey;

    /// <summary>Nothing for this image: the kubelet goes on to the pod's image pull secrets.</summary>
    public static CredentialProviderResponse Empty => new(null, []);
}

/// <summary>One registry's login in a <see cref="CredentialProviderResponse"/>.</summary>
public sealed record AuthConfig(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password")] string Password);
