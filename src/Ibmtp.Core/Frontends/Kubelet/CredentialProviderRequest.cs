using System.Text.Json.Serialization;
using Ibmtp.Secrets;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>What the kubelet sends on stdin: the image to pull and, since Kubernetes 1.34, the pod's service-account token and annotations.</summary>
public sealed record CredentialProviderRequest(
    [property: JsonPropertyName("apiVersion")] string? ApiVersion,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("image")] string? Image,
    [property: JsonPropertyName("serviceAccountToken")] Secret? ServiceAccountToken,
    [property: JsonPropertyName("serviceAccountAnnotations")] Dictionary<string, string>? ServiceAccountAnnotations);
