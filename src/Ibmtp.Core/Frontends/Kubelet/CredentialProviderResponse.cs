namespace Ibmtp.Frontends.Kubelet;

/// <summary>
/// What the provider answers on stdout, besides the apiVersion, kind and cacheKeyType every answer
/// carries (<see cref="KubeletApi"/>); an empty <see cref="Auth"/> tells the kubelet to fall back to
/// image pull secrets.
/// </summary>
public sealed record CredentialProviderResponse(string? CacheDuration, Dictionary<string, AuthConfig> Auth)
{
    /// <summary>Nothing for this image: the kubelet goes on to the pod's image pull secrets.</summary>
    public static CredentialProviderResponse Empty => new(null, []);
}

/// <summary>One registry's login in a <see cref="CredentialProviderResponse"/>.</summary>
public sealed record AuthConfig(string Username, string Password);
