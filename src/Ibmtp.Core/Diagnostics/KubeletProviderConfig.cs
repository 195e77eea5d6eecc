using System.Text;
using Ibmtp.Files;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ibmtp.Diagnostics;

/// <summary>
/// Reads a kubelet's <c>--image-credential-provider-config</c> as the kubelet does
/// (kubernetes <c>pkg/credentialprovider/plugin/config.go</c>): YAML or JSON, a file, or a folder whose
/// <c>*.json</c>, <c>*.yaml</c> and <c>*.yml</c> files are read in name order and their providers joined.
/// YamlDotNet's parser reads both forms (JSON is YAML); only its node model is used, which needs no reflection.
/// </summary>
public static class KubeletProviderConfig
{
    /// <summary>A provider config of a few providers is a few KiB.</summary>
    private const int SizeLimit = 1024 * 1024;

    private static readonly string[] Extensions = [".json", ".yaml", ".yml"];

    /// <summary>Every provider the config at <paramref name="path"/> declares; throws <see cref="HelperException"/> with what is wrong.</summary>
    public static KubeletProvider[] Read(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path).Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [path];
        if (files.Length == 0)
            throw new HelperException($"{path}: a folder with no *.json, *.yaml or *.yml file; the kubelet refuses to start with it");
        // Arrays joined by hand rather than with SelectMany and ToArray, whose builders bring generic types
        // of KubeletProvider that every start of the helper sets up (bench/startup-statics.md).
        KubeletProvider[] providers = [];
        foreach (var file in files)
            providers = [.. providers, .. ReadFile(file)];
        return providers;
    }

    private static KubeletProvider[] ReadFile(string file)
    {
        var root = Parse(file);
        var kind = Scalar(root, "kind");
        if (kind != "CredentialProviderConfig")
            throw new HelperException($"{file}: kind is '{kind}', not CredentialProviderConfig; the kubelet refuses to start with it");
        var apiVersion = Scalar(root, "apiVersion");
        var items = Sequence(root, "providers");
        var providers = new KubeletProvider[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            providers[i] = items[i] is YamlMappingNode provider
                ? Provider(file, apiVersion, provider)
                : throw new HelperException($"{file}: an entry of providers is not a mapping");
        }
        return providers;
    }

    private static YamlMappingNode Parse(string file)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(BoundedFile.ReadAllBytes(file, SizeLimit, Links.Follow));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new HelperException($"{file} cannot be read ({error.Message}); run doctor as the kubelet's user (root), or give the config's path: doctor --kubelet <file>");
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw new HelperException($"{file} is not YAML or JSON the kubelet can read: line {error.Start.Line}: {error.Message}");
        }
        return stream.Documents is [{ RootNode: YamlMappingNode root }]
            ? root
            : throw new HelperException($"{file} does not hold one CredentialProviderConfig object");
    }

    private static KubeletProvider Provider(string file, string? configApiVersion, YamlMappingNode provider)
    {
        var tokens = Child(provider, "tokenAttributes") as YamlMappingNode;
        return new KubeletProvider(
            file,
            configApiVersion,
            Scalar(provider, "name"),
            Scalar(provider, "apiVersion"),
            Strings(provider, "matchImages"),
            Scalar(provider, "defaultCacheDuration"),
            Strings(provider, "args"),
            Variables(provider),
            tokens is null ? null : new KubeletTokenAttributes(
                Scalar(tokens, "serviceAccountTokenAudience"),
                Scalar(tokens, "cacheType"),
                Scalar(tokens, "requireServiceAccount"),
                Strings(tokens, "requiredServiceAccountAnnotationKeys"),
                Strings(tokens, "optionalServiceAccountAnnotationKeys")));
    }

    /// <summary>The env entries that are mappings, in order; filled by hand, as ToArray's builder would bring generic types of the pair.</summary>
    private static KeyValuePair<string, string>[] Variables(YamlMappingNode provider)
    {
        var items = Sequence(provider, "env");
        var variables = new KeyValuePair<string, string>[items.Count];
        var count = 0;
        foreach (var item in items)
        {
            if (item is YamlMappingNode variable)
                variables[count++] = new KeyValuePair<string, string>(Scalar(variable, "name") ?? "", Scalar(variable, "value") ?? "");
        }
        return variables[..count];
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static IList<YamlNode> Sequence(YamlMappingNode node, string key) =>
        Child(node, key) is YamlSequenceNode sequence ? sequence.Children : [];

    private static string[] Strings(YamlMappingNode node, string key) =>
        Sequence(node, key).OfType<YamlScalarNode>().Select(item => item.Value ?? "").ToArray();
}
