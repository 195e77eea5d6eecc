namespace Ibmtp.IntegrationTests;

/// <summary>
/// <c>tokenAttributes</c> of a credential provider: the audience of the service-account token the kubelet
/// requests for the pod, how it caches what comes back, and which of the account's annotations it passes on.
/// </summary>
public sealed record KubeletTokenAttributes
{
    /// <summary>The kubelet's cache key includes the token's hash; the only cacheType under which a provider may echo the token.</summary>
    public const string TokenCache = "Token";

    /// <summary>The kubelet's cache key includes the service account's namespace, name, UID and passed annotations.</summary>
    public const string ServiceAccountCache = "ServiceAccount";

    public string ServiceAccountTokenAudience { get; init; } = "iam";

    public string CacheType { get; init; } = ServiceAccountCache;

    public bool RequireServiceAccount { get; init; }

    /// <summary>Missing on the account: the kubelet does not run the provider and pulls without its credentials.</summary>
    public IReadOnlyList<string> RequiredServiceAccountAnnotationKeys { get; init; } = [];

    public IReadOnlyList<string> OptionalServiceAccountAnnotationKeys { get; init; } = KubeletServiceAccount.ProfileAnnotations;
}
