namespace Ibmtp.IntegrationTests;

/// <summary>
/// One entry of the kubelet's CredentialProviderConfig (kubelet.config.k8s.io/v1 <c>providers[]</c>): the
/// executable's name in the plugin directory, the images it is asked about, and what the kubelet adds to its run.
/// </summary>
public sealed record KubeletCredentialProvider
{
    public const string V1 = "credentialprovider.kubelet.k8s.io/v1";

    public string Name { get; init; } = HelperBinary.FileName;

    /// <summary>Globs the kubelet matches an image against before it runs the provider at all.</summary>
    public required IReadOnlyList<string> MatchImages { get; init; }

    /// <summary>How long the kubelet keeps a response that names no <c>cacheDuration</c>.</summary>
    public TimeSpan DefaultCacheDuration { get; init; } = TimeSpan.FromMinutes(10);

    public string ApiVersion { get; init; } = V1;

    public IReadOnlyList<string> Args { get; init; } = ["kubelet"];

    /// <summary>The config's <c>env</c>: added after the kubelet's own environment, so a name here wins.</summary>
    public IReadOnlyList<(string Name, string Value)> Env { get; init; } = [];

    /// <summary>Set: the kubelet sends the pod's service-account token and annotations (Kubernetes 1.34+).</summary>
    public KubeletTokenAttributes? TokenAttributes { get; init; }
}
