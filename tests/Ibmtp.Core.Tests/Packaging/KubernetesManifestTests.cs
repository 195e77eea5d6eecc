using System.Text.RegularExpressions;
using Ibmtp.Configuration;
using Ibmtp.Credentials;
using Ibmtp.Frontends.Kubelet;
using Ibmtp.Hosts;
using Ibmtp.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Ibmtp.Tests.Packaging;

/// <summary>
/// packaging/kubernetes/ holds names the kubelet, the API server and this helper must agree on; no
/// cluster checks them before an operator's nodes do, so these tests hold them to the code.
/// </summary>
public class KubernetesManifestTests
{
    private static readonly string[] Globs = ["icr.io", "*.icr.io", "*.*.icr.io"];

    private static readonly string[] AnnotationKeys =
    [
        ServiceAccountAnnotations.ProfileId, ServiceAccountAnnotations.ProfileCrn,
        ServiceAccountAnnotations.ProfileName, ServiceAccountAnnotations.AccountId,
    ];

    private const string ConfigFile = "credential-provider-config.yaml";
    private const string VariantStart = "# --- node identity only";
    private const string VariantEnd = "# --- end of the node-identity variant";

    [Test]
    public void Every_yaml_file_parses()
    {
        var files = Directory.GetFiles(KubernetesFolder, "*.yaml");
        Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { ConfigFile, "rbac.yaml", "installer.yaml", "kustomization.yaml" }));
        foreach (var file in files)
            Assert.That(Documents(File.ReadAllText(file)), Is.Not.Empty, file);
    }

    [Test]
    public void The_config_names_the_helper_its_kubelet_command_and_the_v1_apis()
    {
        foreach (var (label, config) in Configs())
        {
            Assert.That(Scalar(config, "apiVersion"), Is.EqualTo("kubelet.config.k8s.io/v1"), label);
            Assert.That(Scalar(config, "kind"), Is.EqualTo("CredentialProviderConfig"), label);
            var provider = OnlyProvider(config);
            Assert.That(Scalar(provider, "name"), Is.EqualTo(HelperInfo.Name), label);
            Assert.That(Strings(provider, "args"), Is.EqualTo(new[] { "kubelet" }), label);
            Assert.That(Scalar(provider, "apiVersion"), Is.EqualTo(KubeletApi.ApiVersion), label);
            Assert.That(Strings(provider, "matchImages"), Is.EqualTo(Globs), label);
            Assert.That(GoDuration.TryParse(Scalar(provider, "defaultCacheDuration"), out var duration) && duration >= TimeSpan.Zero, label);
            foreach (var env in Sequence(provider, "env").Cast<YamlMappingNode>())
                Assert.That(Scalar(env, "name"), Does.Match("^[A-Z_][A-Z0-9_]*$"), label);
        }
    }

    [Test]
    public void The_service_account_variant_asks_for_iam_tokens_and_the_profile_annotations()
    {
        var tokens = Mapping(OnlyProvider(Configs()[0].Config), "tokenAttributes");
        Assert.That(Scalar(tokens, "serviceAccountTokenAudience"), Is.EqualTo("iam"));
        Assert.That(Scalar(tokens, "cacheType"), Is.EqualTo("ServiceAccount"));
        Assert.That(Scalar(tokens, "requireServiceAccount"), Is.EqualTo("false"));
        Assert.That(Strings(tokens, "optionalServiceAccountAnnotationKeys"), Is.EqualTo(AnnotationKeys));
        Assert.That(tokens.Children.Keys.Select(key => ((YamlScalarNode)key).Value), Is.EquivalentTo(new[]
        {
            "serviceAccountTokenAudience", "cacheType", "requireServiceAccount", "optionalServiceAccountAnnotationKeys",
        }), "a required key makes the kubelet skip the provider when a service account lacks it");
    }

    [Test]
    public void The_node_identity_variant_has_no_token_attributes()
    {
        var (label, config) = Configs()[1];
        Assert.That(OnlyProvider(config).Children.ContainsKey("tokenAttributes"), Is.False, label);
    }

    [TestCase("icr.io")]
    [TestCase("us.icr.io")]
    [TestCase("de.icr.io")]
    [TestCase("ca2.icr.io")]
    [TestCase("private.icr.io")]
    [TestCase("private.us.icr.io")]
    [TestCase("private.jp2.icr.io")]
    public void The_globs_match_an_ICR_host(string host)
    {
        Assert.That(Globs.Any(glob => KubeletMatches(glob, $"{host}/my-namespace/app:1")), Is.True);
        Assert.That(RegistryHost.TryParse(host, out var parsed) && ServedHosts.IsIbmRegistry(parsed), Is.True, "the helper serves every host the kubelet sends it");
    }

    [TestCase("icr.io.evil.example")]
    [TestCase("evil-icr.io")]
    [TestCase("docker.io")]
    [TestCase("quay.io")]
    public void The_globs_do_not_match_other_registries(string host) =>
        Assert.That(Globs.Any(glob => KubeletMatches(glob, $"{host}/my-namespace/app:1")), Is.False);

    [Test]
    public void Each_glob_covers_one_label_count_as_the_kubelet_matches()
    {
        Assert.That(KubeletMatches("*.icr.io", "private.us.icr.io/ns/app"), Is.False);
        Assert.That(KubeletMatches("*.*.icr.io", "us.icr.io/ns/app"), Is.False);
        Assert.That(KubeletMatches("icr.io", "us.icr.io/ns/app"), Is.False);
    }

    [Test]
    public void Nodes_may_request_tokens_for_the_iam_audience()
    {
        var documents = Documents(File.ReadAllText(Path.Combine(KubernetesFolder, "rbac.yaml")));
        var role = documents.Single(document => Scalar(document, "kind") == "ClusterRole");
        var binding = documents.Single(document => Scalar(document, "kind") == "ClusterRoleBinding");
        Assert.That(Scalar(role, "apiVersion"), Is.EqualTo("rbac.authorization.k8s.io/v1"));
        var rule = (YamlMappingNode)Sequence(role, "rules").Single();
        Assert.That(Strings(rule, "apiGroups"), Is.EqualTo(new[] { "" }));
        Assert.That(Strings(rule, "resources"), Is.EqualTo(new[] { "iam" }));
        Assert.That(Strings(rule, "verbs"), Is.EqualTo(new[] { "request-serviceaccounts-token-audience" }));

        var roleRef = Mapping(binding, "roleRef");
        Assert.That(Scalar(roleRef, "kind"), Is.EqualTo("ClusterRole"));
        Assert.That(Scalar(roleRef, "name"), Is.EqualTo(Scalar(Mapping(role, "metadata"), "name")));
        var subject = (YamlMappingNode)Sequence(binding, "subjects").Single();
        Assert.That(Scalar(subject, "kind"), Is.EqualTo("Group"));
        Assert.That(Scalar(subject, "name"), Is.EqualTo("system:nodes"));
    }

    [Test]
    public void The_installer_puts_the_config_file_and_the_helper_where_the_kubelet_looks()
    {
        var kustomization = Documents(File.ReadAllText(Path.Combine(KubernetesFolder, "kustomization.yaml"))).Single();
        Assert.That(Strings(kustomization, "resources"), Is.EquivalentTo(new[] { "rbac.yaml", "installer.yaml" }));
        var generator = (YamlMappingNode)Sequence(kustomization, "configMapGenerator").Single();
        Assert.That(Strings(generator, "files"), Is.EqualTo(new[] { $"config.yaml={ConfigFile}" }));
        var literals = Strings(generator, "literals").Select(literal => literal.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.That(literals.Keys, Is.EquivalentTo(new[] { "version", "releases", "sha256-linux-x64", "sha256-linux-arm64" }));

        var daemonSet = Documents(File.ReadAllText(Path.Combine(KubernetesFolder, "installer.yaml"))).Single(document => Scalar(document, "kind") == "DaemonSet");
        var pod = Mapping(Mapping(Mapping(daemonSet, "spec"), "template"), "spec");
        var install = (YamlMappingNode)Sequence(pod, "initContainers").Single();
        var script = Strings(install, "args").Single();
        // The file names tarball.sh gives a release, and the names the kubelet flags point at.
        Assert.That(script, Does.Contain("name=" + HelperInfo.Name));
        Assert.That(script, Does.Contain("folder=\"${name}_${VERSION}_$rid\""));
        Assert.That(script, Does.Contain("\"$RELEASES/v$VERSION/$folder.tar.gz\""));
        Assert.That(script, Does.Contain("mv -f \"/host/bin/.$name.new\" \"/host/bin/$name\""));
        Assert.That(script, Does.Contain("mv -f /host/config/.config.yaml.new /host/config/config.yaml"));
        Assert.That(script, Does.Contain("sha256sum -c"));
        var tarball = File.ReadAllText(RepositoryFiles.Path("packaging", "tarball.sh"));
        Assert.That(tarball, Does.Contain("folder=\"${name}_${version}_$rid\"").And.Contain("$out/$folder.tar.gz"));

        var configMapKeys = Sequence(install, "env").Cast<YamlMappingNode>()
            .Select(env => Scalar(Mapping(Mapping(env, "valueFrom"), "configMapKeyRef"), "key"));
        Assert.That(configMapKeys, Is.EquivalentTo(literals.Keys));
        var hostPaths = Sequence(pod, "volumes").Cast<YamlMappingNode>()
            .Where(volume => volume.Children.ContainsKey("hostPath"))
            .ToDictionary(volume => Scalar(volume, "name"), volume => Scalar(Mapping(volume, "hostPath"), "path"));
        Assert.That(hostPaths.Keys, Is.EquivalentTo(new[] { "bin-dir", "config-dir" }));
        Assert.That(hostPaths.Values, Is.All.StartsWith("/"));
    }

    /// <summary>
    /// The kubelet's rule (URLsMatch in pkg/credentialprovider): the hosts have as many dot-separated
    /// labels as the pattern and each label matches its glob; a path in the pattern is a prefix of the image's.
    /// </summary>
    private static bool KubeletMatches(string pattern, string image)
    {
        var (patternHost, patternPath) = Split(pattern);
        var (imageHost, imagePath) = Split(image);
        var patternLabels = patternHost.Split('.');
        var imageLabels = imageHost.Split('.');
        if (patternLabels.Length != imageLabels.Length)
            return false;
        for (var i = 0; i < patternLabels.Length; i++)
        {
            var glob = "^" + Regex.Escape(patternLabels[i]).Replace(@"\*", ".*").Replace(@"\?", ".") + "$";
            if (!Regex.IsMatch(imageLabels[i], glob))
                return false;
        }
        return imagePath.StartsWith(patternPath, StringComparison.Ordinal);

        static (string Host, string Path) Split(string reference) =>
            reference.IndexOf('/') is var slash and >= 0 ? (reference[..slash], reference[slash..]) : (reference, "");
    }

    private static string KubernetesFolder => RepositoryFiles.Path("packaging", "kubernetes");

    /// <summary>The file's active config, and its commented node-identity variant with the comment marks taken off.</summary>
    private static (string Label, YamlMappingNode Config)[] Configs()
    {
        var text = File.ReadAllText(Path.Combine(KubernetesFolder, ConfigFile));
        var lines = text.Split('\n');
        var start = Array.FindIndex(lines, line => line.StartsWith(VariantStart, StringComparison.Ordinal));
        var end = Array.FindIndex(lines, line => line.StartsWith(VariantEnd, StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThan(0).And.LessThan(end), $"{ConfigFile} keeps its node-identity variant between '{VariantStart}' and '{VariantEnd}'");
        var variant = lines[(start + 1)..end]
            .Where(line => line.StartsWith("# ", StringComparison.Ordinal) && !line.StartsWith("# To use it", StringComparison.Ordinal) && !line.StartsWith("# No tokenAttributes", StringComparison.Ordinal))
            .Select(line => line[2..]);
        return
        [
            ("service-account variant", (YamlMappingNode)Documents(text).Single()),
            ("node-identity variant", (YamlMappingNode)Documents(string.Join('\n', variant)).Single()),
        ];
    }

    private static List<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode).ToList();
    }

    private static YamlMappingNode OnlyProvider(YamlMappingNode config) => (YamlMappingNode)Sequence(config, "providers").Single();

    private static YamlMappingNode Mapping(YamlMappingNode node, string key) => (YamlMappingNode)Child(node, key);

    private static YamlSequenceNode Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)Child(node, key);

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)Child(node, key)).Value ?? "";

    private static string[] Strings(YamlMappingNode node, string key) =>
        Sequence(node, key).Children.Select(item => ((YamlScalarNode)item).Value ?? "").ToArray();

    private static YamlNode Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : throw new AssertionException($"no '{key}' in {node}");
}
