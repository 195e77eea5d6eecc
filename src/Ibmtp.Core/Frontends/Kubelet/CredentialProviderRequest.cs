using Ibmtp.Secrets;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>What the kubelet sends on stdin: the image to pull and, since Kubernetes 1.34, the pod's service-account token and annotations.</summary>
public sealed record CredentialProviderRequest(
    string? ApiVersion,
    string? Kind,
    string? Image,
    Secret? ServiceAccountToken,
    Dictionary<string, string>? ServiceAccountAnnotations);
