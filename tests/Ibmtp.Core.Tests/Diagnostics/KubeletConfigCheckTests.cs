using Ibmtp.Diagnostics;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The kubelet config check: the file the kubelet reads, the provider in it, its APIs, args and defaultCacheDuration.</summary>
[TestFixture]
public sealed class KubeletConfigCheckTests : KubeletCheckFixture
{
    [Test]
    public void The_shipped_config_has_no_problem_and_names_the_file_and_provider()
    {
        var facts = Run(new KubeletConfigCheck(Setup()));

        Assert.That(Problems(facts), Is.Empty);
        Assert.That(facts[0], Is.EqualTo(new Fact("kubelet config", $"{ConfigPath}: provider {HelperInfo.Name}")));
    }

    [Test]
    public void Without_doctor_kubelet_it_says_nothing() => Assert.That(Run(new KubeletConfigCheck(null)), Is.Empty);

    [Test]
    public void No_config_at_the_default_paths_is_a_problem_that_says_how_to_name_it()
    {
        var missing = Path.Combine(Home.Root, "nowhere", "config.yaml");
        var facts = Run(new KubeletConfigCheck(new KubeletSetup(null, null, Image, defaultConfigPaths: [missing], defaultBinDirs: [])));

        Assert.That(facts.Single().Problem, Is.True);
        Assert.That(facts.Single().Value, Does.Contain(missing).And.Contain("doctor --kubelet <file>"));
    }

    [Test]
    public void The_first_default_path_that_exists_is_read()
    {
        Home.WriteFile(ConfigPath, ShippedConfig);
        var setup = new KubeletSetup(null, null, Image, defaultConfigPaths: [Path.Combine(Home.Root, "none.yaml"), ConfigPath], defaultBinDirs: []);

        Assert.That(setup.ConfigPath, Is.EqualTo(ConfigPath));
        Assert.That(Problems(Run(new KubeletConfigCheck(setup))), Is.Empty);
    }

    [TestCase("credentialprovider.kubelet.k8s.io/v1beta1")]
    [TestCase("credentialprovider.kubelet.k8s.io/v1alpha1")]
    public void An_alpha_or_beta_provider_api_is_a_problem(string apiVersion)
    {
        var facts = Run(new KubeletConfigCheck(Setup(Shipped("    apiVersion: credentialprovider.kubelet.k8s.io/v1\n", $"    apiVersion: {apiVersion}\n"))));

        var fact = facts.Single(fact => fact.Name == "kubelet apiVersion");
        Assert.That(fact.Problem, Is.True);
        Assert.That(fact.Value, Does.StartWith(apiVersion).And.Contain("set apiVersion: credentialprovider.kubelet.k8s.io/v1"));
    }

    [Test]
    public void An_old_config_api_is_a_problem()
    {
        var facts = Run(new KubeletConfigCheck(Setup(Shipped("apiVersion: kubelet.config.k8s.io/v1\n", "apiVersion: kubelet.config.k8s.io/v1beta1\n"))));

        Assert.That(Problems(facts).Single().Value, Does.Contain("kubelet.config.k8s.io/v1beta1").And.Contain("write kubelet.config.k8s.io/v1"));
    }

    [Test]
    public void A_missing_default_cache_duration_is_a_problem()
    {
        var facts = Run(new KubeletConfigCheck(Setup(Shipped("    defaultCacheDuration: \"5m\"\n", ""))));

        var fact = facts.Single(fact => fact.Name == "kubelet defaultCacheDuration");
        Assert.That(fact.Problem, Is.True);
        Assert.That(fact.Value, Does.Contain("missing"));
    }

    [TestCase("five minutes")]
    [TestCase("-5m")]
    public void A_default_cache_duration_that_is_no_duration_is_a_problem(string duration)
    {
        var facts = Run(new KubeletConfigCheck(Setup(Shipped("defaultCacheDuration: \"5m\"", $"defaultCacheDuration: \"{duration}\""))));

        Assert.That(facts.Single(fact => fact.Name == "kubelet defaultCacheDuration").Problem, Is.True);
    }

    [Test]
    public void Args_without_the_kubelet_action_are_a_problem()
    {
        var facts = Run(new KubeletConfigCheck(Setup(Shipped("    args: [\"kubelet\"]\n", ""))));

        Assert.That(facts.Single(fact => fact.Name == "kubelet args").Problem, Is.True);
    }

    [Test]
    public void A_json_config_is_read_as_the_kubelet_reads_it()
    {
        const string json = """
            {"apiVersion":"kubelet.config.k8s.io/v1","kind":"CredentialProviderConfig","providers":[
              {"name":"docker-credential-ibmtp","args":["kubelet"],"apiVersion":"credentialprovider.kubelet.k8s.io/v1",
               "matchImages":["icr.io","*.icr.io","*.*.icr.io"],"defaultCacheDuration":"5m"}]}
            """;
        var facts = Run(new KubeletConfigCheck(Setup(json)));

        Assert.That(Problems(facts), Is.Empty);
        Assert.That(facts.Single(fact => fact.Name == "kubelet defaultCacheDuration").Value, Does.StartWith("5m"));
    }

    [Test]
    public void A_config_folder_is_read_file_by_file_and_the_provider_for_the_image_is_examined()
    {
        const string other = """
            apiVersion: kubelet.config.k8s.io/v1
            kind: CredentialProviderConfig
            providers:
              - name: ecr-credential-provider
                apiVersion: credentialprovider.kubelet.k8s.io/v1
                matchImages: ["*.dkr.ecr.*.amazonaws.com"]
                defaultCacheDuration: "12h"
            """;
        var folder = Path.Combine(Home.Root, "providers");
        Home.WriteFile(Path.Combine(folder, "10-ecr.yaml"), other);
        Home.WriteFile(Path.Combine(folder, "20-ibmtp.yaml"), ShippedConfig);
        Home.WriteFile(Path.Combine(folder, "README.md"), "not read");

        var setup = new KubeletSetup(folder, null, Image, defaultConfigPaths: [], defaultBinDirs: []);

        Assert.That(setup.Provider!.Name, Is.EqualTo(HelperInfo.Name));
        Assert.That(setup.Provider.File, Is.EqualTo(Path.Combine(folder, "20-ibmtp.yaml")));
    }

    [TestCase("kind: CredentialProviderConfig\n", "kind: KubeletConfiguration\n", "not CredentialProviderConfig")]
    [TestCase("providers:\n", "providers: [\n", "is not YAML or JSON")]
    public void A_config_the_kubelet_cannot_read_is_a_problem(string text, string replacement, string why)
    {
        var facts = Run(new KubeletConfigCheck(Setup(Shipped(text, replacement))));

        Assert.That(facts.Single().Problem, Is.True);
        Assert.That(facts.Single().Value, Does.Contain(ConfigPath).And.Contain(why));
    }

    [Test]
    public void A_config_with_no_provider_for_the_image_is_a_problem()
    {
        var facts = Run(new KubeletConfigCheck(Setup(Shipped("  - name: docker-credential-ibmtp ", "  - name: other-provider ")
            .Replace("\"*.icr.io\"", "\"*.example.com\"", StringComparison.Ordinal))));

        Assert.That(facts.Single().Value, Does.Contain($"no provider is named {HelperInfo.Name} or matches {Image}"));
    }

    private const string Refuses = "the kubelet refuses the config and does not start";

    private const string OtherProvider = """
        apiVersion: kubelet.config.k8s.io/v1
        kind: CredentialProviderConfig
        providers:
          - name: NAME
            apiVersion: credentialprovider.kubelet.k8s.io/v1
            matchImages: ["*.dkr.ecr.*.amazonaws.com"]
            defaultCacheDuration: "12h"
        """;

    [Test]
    public void A_provider_declared_twice_in_one_file_stops_the_kubelet()
    {
        var twice = Shipped("\nproviders:\n", "\nproviders:\n  - name: docker-credential-ibmtp\n    apiVersion: credentialprovider.kubelet.k8s.io/v1\n    matchImages: [\"icr.io\"]\n    defaultCacheDuration: \"1m\"\n");
        var facts = Run(new KubeletConfigCheck(Setup(twice)));

        Assert.That(Problems(facts).Single().Value, Is.EqualTo($"provider name 'docker-credential-ibmtp' is declared 2 times (in {ConfigPath}): {Refuses}; keep one entry of that name"));
    }

    [Test]
    public void A_provider_declared_in_two_files_of_a_folder_stops_the_kubelet()
    {
        var folder = Path.Combine(Home.Root, "providers");
        Home.WriteFile(Path.Combine(folder, "10-ibmtp.yaml"), ShippedConfig);
        Home.WriteFile(Path.Combine(folder, "20-ibmtp.yml"), ShippedConfig);

        var facts = Run(new KubeletConfigCheck(new KubeletSetup(folder, null, Image, defaultConfigPaths: [], defaultBinDirs: [])));

        Assert.That(Problems(facts).Single().Value, Does.StartWith($"provider name 'docker-credential-ibmtp' is declared 2 times (in {Path.Combine(folder, "10-ibmtp.yaml")} and {Path.Combine(folder, "20-ibmtp.yml")}): {Refuses}"));
    }

    [TestCase("ecr credential provider", "holds a space")]
    [TestCase("bin/ecr", "holds a /")]
    [TestCase(".", "is a folder, not a file")]
    [TestCase("..", "is a folder, not a file")]
    public void Another_provider_with_a_name_the_kubelet_refuses_stops_it(string name, string why)
    {
        var facts = RunWithOther(OtherProvider.Replace("NAME", $"\"{name}\"", StringComparison.Ordinal));

        Assert.That(Problems(facts).Single().Value, Does.EndWith($"provider {name}: name '{name}' {why}: {Refuses}; set name to the provider's file name in the bin dir ({HelperInfo.Name})"));
    }

    [TestCase("matchImages: [\"*.dkr.ecr.*.amazonaws.com\"]", "matchImages: []", "matchImages is empty")]
    [TestCase("defaultCacheDuration: \"12h\"", "defaultCacheDuration: \"-1s\"", "defaultCacheDuration '-1s' is not a duration of 0 or more")]
    [TestCase("apiVersion: credentialprovider.kubelet.k8s.io/v1\n", "apiVersion: credentialprovider.kubelet.k8s.io/v2\n", "apiVersion 'credentialprovider.kubelet.k8s.io/v2' is none the kubelet knows")]
    [TestCase("defaultCacheDuration: \"12h\"", "defaultCacheDuration: \"12h\"\n    tokenAttributes: {serviceAccountTokenAudience: sts, cacheType: Token}", "requireServiceAccount is ''")]
    public void Another_provider_the_kubelet_refuses_stops_it(string text, string replacement, string why)
    {
        var other = OtherProvider.Replace("NAME", "ecr-credential-provider", StringComparison.Ordinal);
        Assert.That(other, Does.Contain(text));

        var facts = RunWithOther(other.Replace(text, replacement, StringComparison.Ordinal));

        Assert.That(Problems(facts).Single().Value, Does.Contain("10-other.yaml: provider ecr-credential-provider: " + why).And.Contain(Refuses));
    }

    [Test]
    public void A_valid_other_provider_is_no_problem()
    {
        var facts = RunWithOther(OtherProvider.Replace("NAME", "ecr-credential-provider", StringComparison.Ordinal));

        Assert.That(Problems(facts), Is.Empty);
    }

    [Test]
    public void A_provider_api_the_kubelet_does_not_know_stops_it()
    {
        var facts = Run(new KubeletConfigCheck(Setup(Shipped("    apiVersion: credentialprovider.kubelet.k8s.io/v1\n", "    apiVersion: credentialprovider.kubelet.k8s.io/v1gamma\n"))));

        Assert.That(facts.Single(fact => fact.Name == "kubelet apiVersion").Value, Does.StartWith("apiVersion 'credentialprovider.kubelet.k8s.io/v1gamma' is none the kubelet knows").And.Contain(Refuses));
    }

    private IReadOnlyList<Fact> RunWithOther(string other)
    {
        var folder = Path.Combine(Home.Root, "providers");
        Home.WriteFile(Path.Combine(folder, "10-other.yaml"), other);
        Home.WriteFile(Path.Combine(folder, "20-ibmtp.yaml"), ShippedConfig);
        return Run(new KubeletConfigCheck(new KubeletSetup(folder, null, Image, defaultConfigPaths: [], defaultBinDirs: [])));
    }
}
