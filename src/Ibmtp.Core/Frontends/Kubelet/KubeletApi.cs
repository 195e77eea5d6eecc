using Ibmtp.Configuration;
using Ibmtp.Platform;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>The names the kubelet's image credential provider API (credentialprovider.kubelet.k8s.io/v1) fixes.</summary>
public static class KubeletApi
{
    public const string ApiVersion = "credentialprovider.kubelet.k8s.io/v1";
    public const string RequestKind = "CredentialProviderRequest";
    public const string ResponseKind = "CredentialProviderResponse";

    /// <summary>The kubelet keys its cache by registry, so one answer serves every image on the host.</summary>
    public const string RegistryCacheKey = "Registry";

    /// <summary>The kubelet kills a provider after a minute; every network call must end well before, whatever IBMTP_TIMEOUT asks.</summary>
    public static readonly TimeoutCap TimeoutCap = new(TimeSpan.FromSeconds(50),
        $"the kubelet's cap of 50 s ended the wait, not {SettingsTable.Timeout.Variable}: the kubelet kills a provider after a minute, so a longer {SettingsTable.Timeout.Variable} cannot help; check that this node reaches IAM, and the kubelet tries again at its next pull");

    /// <summary>A request holds an image name, a token of a few KiB and annotations, which Kubernetes caps at 256 KiB.</summary>
    public const int MaxRequestBytes = 512 * 1024;
}
