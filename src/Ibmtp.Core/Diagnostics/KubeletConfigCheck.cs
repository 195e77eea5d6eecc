using Ibmtp.Frontends.Kubelet;
using Ibmtp.Hosts;

namespace Ibmtp.Diagnostics;

/// <summary>
/// <c>doctor --kubelet</c>: the credential provider config the kubelet reads, the provider in it for the
/// image, its APIs, args and <c>defaultCacheDuration</c>, by the rules of kubernetes
/// <c>pkg/credentialprovider/plugin/config.go</c> and this provider's own (it speaks v1 only).
/// </summary>
public sealed class KubeletConfigCheck(KubeletSetup? setup) : IDoctorCheck
{
    public const string ConfigApiVersion = "kubelet.config.k8s.io/v1";

    public void Run(RegistryHost host, FactSheet facts)
    {
        if (setup is null)
            return;
        if (setup.Provider is not { } provider)
        {
            facts.Add("kubelet config", setup.Problem!, problem: true);
            OtherRefusals(setup, facts);
            return;
        }
        facts.Add("kubelet config", $"{provider.File}: provider {provider.Name}");
        OtherRefusals(setup, facts);
        if (provider.ConfigApiVersion != ConfigApiVersion)
            facts.Add("kubelet config", $"apiVersion is '{provider.ConfigApiVersion}': write {ConfigApiVersion} (Kubernetes 1.26 and later); tokenAttributes exist only there", problem: true);
        ApiVersion(provider.ApiVersion, facts);
        if (provider.Args is not [KubeletCommand.Name])
            facts.Add("kubelet args", $"[{string.Join(", ", provider.Args)}]: the provider answers the kubelet only as {HelperInfo.Name} {KubeletCommand.Name}; set args: [\"{KubeletCommand.Name}\"]", problem: true);
        DefaultCacheDuration(provider.DefaultCacheDuration, facts);
    }

    /// <summary>
    /// What makes the kubelet refuse the whole config, whichever provider it is in: a name declared twice, and
    /// every rule a provider other than the one examined breaks (the examined one's own checks tell its own).
    /// </summary>
    private static void OtherRefusals(KubeletSetup setup, FactSheet facts)
    {
        foreach (var duplicate in KubeletConfigRules.Duplicates(setup.Providers))
            facts.Add("kubelet config", duplicate, problem: true);
        foreach (var other in setup.Providers)
        {
            if (ReferenceEquals(other, setup.Provider))
                continue;
            foreach (var refusal in KubeletConfigRules.Of(other))
                facts.Add("kubelet config", $"{other.File}: provider {other.Name}: {refusal}", problem: true);
        }
    }

    private static void ApiVersion(string? apiVersion, FactSheet facts)
    {
        if (apiVersion == KubeletApi.ApiVersion)
            facts.Add("kubelet apiVersion", apiVersion);
        else if (KubeletConfigRules.ApiVersion(apiVersion) is { } refusal)
            facts.Add("kubelet apiVersion", refusal, problem: true);
        else
            facts.Add("kubelet apiVersion", $"{apiVersion}: this provider answers only {KubeletApi.ApiVersion} requests (v1alpha1 and v1beta1 are deprecated since v1 in Kubernetes 1.26, and tokenAttributes need v1); set apiVersion: {KubeletApi.ApiVersion}", problem: true);
    }

    private static void DefaultCacheDuration(string? text, FactSheet facts)
    {
        if (KubeletConfigRules.DefaultCacheDuration(text) is { } refusal)
            facts.Add("kubelet defaultCacheDuration", refusal, problem: true);
        else
            facts.Add("kubelet defaultCacheDuration", $"{text}: how long the kubelet keeps an answer that names no cacheDuration (nothing for the image); a login names its own");
    }
}
