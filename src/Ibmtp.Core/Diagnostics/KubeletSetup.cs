namespace Ibmtp.Diagnostics;

/// <summary>
/// What <c>doctor --kubelet</c> examines: the kubelet's credential provider config (the path given, else the
/// first default path that exists), every provider in it (the kubelet refuses to start over any one), the provider it would run for the sample image,
/// and the folder the kubelet runs providers from. The config is read once, for every check.
/// </summary>
public sealed class KubeletSetup
{
    /// <summary>Where the installer and the distributions put the config: kubeadm and OpenShift, then k3s and RKE2.</summary>
    public static readonly string[] DefaultConfigPaths =
    [
        "/etc/kubernetes/image-credential-provider/config.yaml",
        "/var/lib/rancher/credentialprovider/config.yaml",
    ];

    /// <summary>Where the installer and the distributions put providers: kubeadm, k3s and RKE2, OpenShift.</summary>
    public static readonly string[] DefaultBinDirs =
    [
        "/usr/local/libexec/kubelet-credential-providers",
        "/var/lib/rancher/credentialprovider/bin",
        "/var/lib/kubelet-credential-providers",
    ];

    /// <summary>Every fact a kubelet check adds starts with it, so that <c>doctor --kubelet</c> can judge by them alone.</summary>
    public const string FactPrefix = "kubelet";

    private readonly IReadOnlyList<string> _defaultBinDirs;

    /// <param name="configPath">The path given to <c>--kubelet</c>, or null for the first of <paramref name="defaultConfigPaths"/> that exists.</param>
    /// <param name="binDir">The <c>--image-credential-provider-bin-dir</c> given, or null for the first of <paramref name="defaultBinDirs"/> that holds the provider.</param>
    /// <param name="image">The image the provider is asked about.</param>
    public KubeletSetup(string? configPath, string? binDir, string image, IReadOnlyList<string>? defaultConfigPaths = null, IReadOnlyList<string>? defaultBinDirs = null)
    {
        Image = image;
        BinDir = binDir;
        _defaultBinDirs = defaultBinDirs ?? DefaultBinDirs;
        var defaults = defaultConfigPaths ?? DefaultConfigPaths;
        ConfigPath = configPath ?? defaults.FirstOrDefault(path => File.Exists(path) || Directory.Exists(path));
        if (ConfigPath is null)
        {
            Problem = $"no config at {string.Join(" or ", defaults)}: give the kubelet's --image-credential-provider-config, doctor --kubelet <file>";
            return;
        }
        try
        {
            var providers = KubeletProviderConfig.Read(ConfigPath);
            Providers = providers;
            // Array.Find rather than LINQ, whose fast path for lists would bring List<KubeletProvider> into every start.
            Provider = Array.Find(providers, provider => provider.Name == HelperInfo.Name && MatchesImage(provider))
                ?? Array.Find(providers, MatchesImage)
                ?? Array.Find(providers, provider => provider.Name == HelperInfo.Name);
            if (Provider is null)
                Problem = $"{ConfigPath}: no provider is named {HelperInfo.Name} or matches {Image}; add the one in packaging/kubernetes/credential-provider-config.yaml";
        }
        catch (HelperException error)
        {
            Problem = error.Message;
        }
    }

    public string Image { get; }

    /// <summary>The config examined, or null when none was given and none is at a default path.</summary>
    public string? ConfigPath { get; }

    /// <summary>Every provider the config declares, in the kubelet's order (empty when it cannot be read): the kubelet validates them all.</summary>
    public KubeletProvider[] Providers { get; } = [];

    /// <summary>Why there is no <see cref="Provider"/> to examine, or null.</summary>
    public string? Problem { get; }

    /// <summary>The provider the kubelet would run for <see cref="Image"/> (ours first), else the one named as ours; null with a <see cref="Problem"/>.</summary>
    public KubeletProvider? Provider { get; }

    /// <summary>The <c>--image-credential-provider-bin-dir</c> given, or null.</summary>
    public string? BinDir { get; }

    /// <summary>The folders the provider is looked for in: the one given, else the defaults.</summary>
    public IReadOnlyList<string> BinDirs => BinDir is null ? _defaultBinDirs : [BinDir];

    /// <summary>The provider's executable as the kubelet finds it (bin dir + name), or null when no folder holds it.</summary>
    public string? Executable => Provider?.Name is { Length: > 0 } name
        ? BinDirs.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
        : null;

    /// <summary>The environment the kubelet runs the provider with: its own (here only PATH: a kubelet started by systemd has little more), then the config's env.</summary>
    public IReadOnlyDictionary<string, string> Environment(string? path)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path is not null)
            variables["PATH"] = path;
        foreach (var (name, value) in Provider?.Env ?? [])
            variables[name] = value;
        return variables;
    }

    private bool MatchesImage(KubeletProvider provider) => provider.MatchImages.Any(pattern => KubeletImageMatch.Matches(pattern, Image));
}
