using Ibmtp.Diagnostics;
using Ibmtp.Hosts;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>
/// The kubelet checks' fixture: the shipped credential-provider-config.yaml (or a variant of it) in a
/// throwaway node's config folder, a provider folder, and the facts one check adds for the sample image.
/// </summary>
public abstract class KubeletCheckFixture : CheckFixture
{
    protected const string Image = "us.icr.io/namespace/app";

    protected static string ShippedConfig => File.ReadAllText(RepositoryFiles.Path("packaging", "kubernetes", "credential-provider-config.yaml"));

    protected string ConfigPath => Path.Combine(Home.Root, "etc", "config.yaml");

    protected string BinDir => Path.Combine(Home.Root, "bin");

    /// <summary>Writes the config (the shipped one unless given) and returns what doctor --kubelet would examine.</summary>
    protected KubeletSetup Setup(string? config = null, string? binDir = null, string image = Image)
    {
        Home.WriteFile(ConfigPath, config ?? ShippedConfig);
        Directory.CreateDirectory(BinDir);
        return new KubeletSetup(ConfigPath, binDir, image, defaultConfigPaths: [], defaultBinDirs: [BinDir]);
    }

    /// <summary>The shipped config with <paramref name="text"/> replaced; fails when it is not there, so a changed file cannot make a test vacuous.</summary>
    protected static string Shipped(string text, string replacement)
    {
        var shipped = ShippedConfig;
        Assert.That(shipped, Does.Contain(text));
        return shipped.Replace(text, replacement, StringComparison.Ordinal);
    }

    protected static IReadOnlyList<Fact> Run(IDoctorCheck check, string image = Image)
    {
        var facts = new FactSheet();
        check.Run(Registry.Host(image[..image.IndexOf('/')]), facts);
        return facts.Facts;
    }

    protected static IEnumerable<Fact> Problems(IReadOnlyList<Fact> facts) => facts.Where(fact => fact.Problem);
}
