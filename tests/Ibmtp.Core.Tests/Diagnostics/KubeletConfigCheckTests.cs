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
}
