namespace Ibmtp.Diagnostics;

/// <summary>A provider's <c>tokenAttributes</c>: what the kubelet hands it of the pod's service account.</summary>
public sealed record KubeletTokenAttributes(
    string? ServiceAccountTokenAudience,
    string? CacheType,
    string? RequireServiceAccount,
    IReadOnlyList<string> RequiredServiceAccountAnnotationKeys,
    IReadOnlyList<string> OptionalServiceAccountAnnotationKeys);
