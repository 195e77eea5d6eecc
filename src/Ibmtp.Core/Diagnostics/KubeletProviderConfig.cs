using Ibmtp.Yaml;
using Ibmtp.Files;
using Ibmtp.Interop.Unix;

namespace Ibmtp.Diagnostics;

/// <summary>
/// Reads a kubelet's <c>--image-credential-provider-config</c> as the kubelet does
/// (kubernetes <c>pkg/credentialprovider/plugin/config.go</c>): YAML or JSON, a file, or a folder whose
/// <c>*.json</c>, <c>*.yaml</c> and <c>*.yml</c> files are read in name order and their providers joined.
/// <see cref="StrictYamlReader"/> reads both forms (JSON is YAML), and refuses the YAML it does not read rather than guess.
/// </summary>
public static class KubeletProviderConfig
{
    /// <summary>A provider config of a few providers is a few KiB; the bound is doctor's (the kubelet has none).</summary>
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
        var providers = new KubeletProvider[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            providers[i] = items[i] is YamlMapping provider
                ? Provider(file, apiVersion, provider)
                : throw new HelperException($"{file}: an entry of providers is not a mapping");
        }
        return providers;
    }

    private static YamlMapping Parse(string file)
    {
        byte[] bytes;
        try
        {
            bytes = BoundedFile.ReadAllBytes(file, SizeLimit, Links.Follow);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new HelperException($"{file} cannot be read ({error.Message}){ReadFailureAdvice(error)}");
        }
        YamlNode? root;
        try
        {
            root = StrictYamlReader.Read(bytes);
        }
        catch (YamlRefusal refusal)
        {
            throw new HelperException($"{file}: {refusal.Message}");
        }
        return root as YamlMapping ?? throw new HelperException($"{file} does not hold one CredentialProviderConfig object");
    }

    /// <summary>What to do about a file that cannot be read: only a denied permission is a matter of running as the kubelet's user.</summary>
    public static string ReadFailureAdvice(Exception error) => error switch
    {
        UnauthorizedAccessException => "; run doctor as the kubelet's user (root), or give the config's path: doctor --kubelet <file>",
        FileNotFoundException => "; give the path the kubelet's --image-credential-provider-config names: doctor --kubelet <file>",
        InvalidDataException => $"; {SizeLimit / 1024 / 1024} MiB is doctor's bound, not the kubelet's: check the file by hand",
        IOException { HResult: var errno } when errno == Errno.SymbolicLinkLoop => "; its symbolic links loop, so the kubelet cannot read it either: point the link at the config file",
        _ => "",
    };

    private static KubeletProvider Provider(string file, string? configApiVersion, YamlMapping provider)
    {
        var tokens = provider.Find("tokenAttributes") as YamlMapping;
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
    private static KeyValuePair<string, string>[] Variables(YamlMapping provider)
    {
        var items = Sequence(provider, "env");
        var variables = new KeyValuePair<string, string>[items.Length];
        var count = 0;
        foreach (var item in items)
        {
            if (item is YamlMapping variable)
                variables[count++] = new KeyValuePair<string, string>(Scalar(variable, "name") ?? "", Scalar(variable, "value") ?? "");
        }
        return variables[..count];
    }

    private static string? Scalar(YamlMapping node, string key) => (node.Find(key) as YamlScalar)?.Value;

    private static YamlNode[] Sequence(YamlMapping node, string key) =>
        node.Find(key) is YamlSequence sequence ? sequence.Items : [];

    /// <summary>The scalars of a sequence, in order; filled by hand, as LINQ over the node types would bring generic types every start sets up.</summary>
    private static string[] Strings(YamlMapping node, string key)
    {
        var items = Sequence(node, key);
        var strings = new string[items.Length];
        var count = 0;
        foreach (var item in items)
        {
            if (item is YamlScalar scalar)
                strings[count++] = scalar.Value;
        }
        return strings[..count];
    }
}
