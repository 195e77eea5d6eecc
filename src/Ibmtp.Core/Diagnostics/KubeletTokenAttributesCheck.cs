using Ibmtp.Credentials;
using Ibmtp.Frontends.Kubelet;
using Ibmtp.Hosts;

namespace Ibmtp.Diagnostics;

/// <summary>
/// <c>doctor --kubelet</c>: the provider's <c>tokenAttributes</c>, which make the kubelet hand it the pod's
/// service-account token and annotations: the audience IAM takes, the cache type (<c>Token</c> when a
/// trusted profile's conditions name the pod), <c>requireServiceAccount</c>, and the annotation keys the
/// provider reads (<see cref="ServiceAccountAnnotations"/>), all optional.
/// </summary>
public sealed class KubeletTokenAttributesCheck(KubeletSetup? setup) : IDoctorCheck
{
    private const string Fact = "kubelet tokenAttributes";
    private const string Audience = "iam";
    private const string TokenCache = "Token";
    private const string ServiceAccountCache = "ServiceAccount";

    /// <summary>Every annotation the provider reads; any one of them may be on a service account, so none is required.</summary>
    public static readonly IReadOnlyList<string> AnnotationKeys =
    [
        ServiceAccountAnnotations.ProfileId, ServiceAccountAnnotations.ProfileCrn,
        ServiceAccountAnnotations.ProfileName, ServiceAccountAnnotations.AccountId,
    ];

    public void Run(RegistryHost host, FactSheet facts)
    {
        if (setup?.Provider is not { } provider)
            return;
        if (provider.TokenAttributes is not { } tokens)
        {
            facts.Add(Fact, "none: every pull is made as the node's identity, the pods' service accounts are not used");
            return;
        }
        var problems = Problems(provider, tokens).ToList();
        foreach (var problem in problems)
            facts.Add(Fact, problem, problem: true);
        if (problems.Count == 0)
            facts.Add(Fact, $"audience {Audience}, cacheType {tokens.CacheType}, requireServiceAccount {tokens.RequireServiceAccount}, the provider's annotation keys optional");
        if (tokens.CacheType == TokenCache)
            facts.Add("kubelet cacheType", $"{TokenCache}: one login per pod's token, as trust conditions that name the pod (claim pod) need");
        else if (tokens.CacheType == ServiceAccountCache)
            facts.Add("kubelet cacheType", $"{ServiceAccountCache}: one login per service account; if a trusted profile's conditions name the pod (claim pod), set cacheType: {TokenCache}, or pods share a login their own token would not get");
    }

    private static IEnumerable<string> Problems(KubeletProvider provider, KubeletTokenAttributes tokens)
    {
        foreach (var refusal in KubeletConfigRules.TokenAttributes(provider))
            yield return refusal;
        if (tokens.ServiceAccountTokenAudience is { Length: > 0 } audience && audience != Audience)
            yield return $"serviceAccountTokenAudience is '{audience}': IAM takes only tokens for the audience {Audience}; set serviceAccountTokenAudience: {Audience}";
        if (tokens.RequireServiceAccount == "true")
            yield return "requireServiceAccount is true: the kubelet never runs the provider for a pod without a service account (static pods), not even for the node's identity; set false";
        // With requireServiceAccount false the kubelet refuses required keys outright, which the rules above say.
        if (tokens.RequiredServiceAccountAnnotationKeys.Count > 0 && tokens.RequireServiceAccount != "false")
            yield return $"requiredServiceAccountAnnotationKeys {string.Join(", ", tokens.RequiredServiceAccountAnnotationKeys)}: the kubelet skips the provider for every service account that lacks one, and the profile annotations are alternatives; list them under optionalServiceAccountAnnotationKeys";
        var listed = tokens.OptionalServiceAccountAnnotationKeys.Concat(tokens.RequiredServiceAccountAnnotationKeys).ToHashSet(StringComparer.Ordinal);
        if (AnnotationKeys.Where(key => !listed.Contains(key)).ToList() is { Count: > 0 } missing)
            yield return $"optionalServiceAccountAnnotationKeys lacks {string.Join(", ", missing)}: the kubelet hands the provider only the annotations listed, so a service account annotated so pulls as the node";
        foreach (var unknown in listed.Where(key => key.StartsWith(ServiceAccountAnnotations.Prefix, StringComparison.Ordinal) && !AnnotationKeys.Contains(key)))
            yield return $"{unknown} is no annotation the provider reads: it reads {string.Join(", ", AnnotationKeys)}";
    }
}
