namespace Ibmtp.Frontends.Kubelet;

/// <summary>The names the kubelet's image credential provider API (credentialprovider.kubelet.k8s.io/v1) fixes.</summary>
public static class KubeletApi
{
    public const string ApiVersion = "credentialprovider.kubelet.k8s.io/v1";
    public const string RequestKind = "CredentialProviderRequest";
    public const string ResponseKind = "CredentialProviderResponse";

    /// <summary>The kubelet keys its cache by registry, so one answer serves every image on the host.</summary>
    public const string RegistryCacheKey = "Registry";

    /// <summary>The kubelet kills a provider after a minute; every network call must end well before.</summary>
    public static readonly TimeSpan LongestTimeout = TimeSpan.FromSeconds(50);

    /// <summary>A request holds an image name, a token of a few KiB and annotations, which Kubernetes caps at 256 KiB.</summary>
    public const int MaxRequestBytes = 512 * 1024;
}
