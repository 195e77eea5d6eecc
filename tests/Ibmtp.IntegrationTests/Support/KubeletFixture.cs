namespace Ibmtp.IntegrationTests;

/// <summary>
/// Base of the fixtures that run the published helper as the kubelet's image credential provider, against the
/// IAM emulator. The test HOME's environment stands for the kubelet's own, less the IBMTP_ settings: those go
/// in the provider's config <c>env</c>, where a node's administrator puts them.
/// </summary>
public abstract class KubeletFixture : IamEmulatorFixture
{
    /// <summary>An image in ICR, which the helper serves without any opt-in.</summary>
    public const string IcrImage = Registry + "/ci/app:1";

    /// <summary>What a node's CredentialProviderConfig would name for ICR: each glob matches one DNS label.</summary>
    public static readonly IReadOnlyList<string> IcrMatchImages = ["icr.io", "*.icr.io", "*.*.icr.io"];

    private const string SettingPrefix = "IBMTP_";

    /// <summary>
    /// The kubelet with one provider, the helper: sent the pod's service-account token (with the profile annotations)
    /// for images matching <paramref name="matchImages"/> (ICR's by default).
    /// </summary>
    protected KubeletPluginRunner Kubelet(IReadOnlyList<string>? matchImages = null, string cacheType = KubeletTokenAttributes.ServiceAccountCache)
    {
        var provider = new KubeletCredentialProvider
        {
            MatchImages = matchImages ?? IcrMatchImages,
            Env = [.. Home.Environment.Where(IsSetting).Select(variable => (variable.Key, variable.Value))],
            TokenAttributes = new KubeletTokenAttributes { CacheType = cacheType },
        };
        return new KubeletPluginRunner(Home.BinDirectory, provider, Home.Environment.Where(variable => !IsSetting(variable)).ToDictionary());
    }

    /// <summary>
    /// The kubelet as a systemd unit without <c>User=</c> runs it: an environment with PATH but no HOME or XDG
    /// folders. The IBMTP_ settings and <paramref name="configEnv"/> go in the provider's config env.
    /// </summary>
    protected KubeletPluginRunner KubeletStartedBySystemd(params (string Name, string Value)[] configEnv)
    {
        var provider = new KubeletCredentialProvider
        {
            MatchImages = IcrMatchImages,
            Env = [.. Home.Environment.Where(IsSetting).Select(variable => (variable.Key, variable.Value)), .. configEnv],
            TokenAttributes = new KubeletTokenAttributes(),
        };
        return new KubeletPluginRunner(Home.BinDirectory, provider, new Dictionary<string, string> { ["PATH"] = Home.Environment["PATH"] });
    }

    private static bool IsSetting(KeyValuePair<string, string> variable) => variable.Key.StartsWith(SettingPrefix, StringComparison.Ordinal);
}
