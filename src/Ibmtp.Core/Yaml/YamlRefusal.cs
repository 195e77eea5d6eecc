namespace Ibmtp.Yaml;

/// <summary>
/// Why <see cref="StrictYamlReader"/> did not read a document, as one line that starts with the line
/// number: YAML it does not read (the kubelet does), YAML the kubelet refuses too, or bytes that are not UTF-8.
/// </summary>
public sealed class YamlRefusal(int line, string message) : Exception(message)
{
    public int Line { get; } = line;

    /// <summary>A construct of YAML the kubelet reads and this reader does not: an alias, a tag, a block scalar, several documents.</summary>
    internal static YamlRefusal Unsupported(int line, string construct) =>
        new(line, $"line {line} uses {construct}, which doctor does not read; the kubelet does: write the config without it, or check it by hand");

    /// <summary>Text that is not YAML: the kubelet refuses it too.</summary>
    internal static YamlRefusal Invalid(int line, string what) =>
        new(line, $"line {line} is not YAML or JSON the kubelet can read: {what}");

    /// <summary>The kubelet decodes its config strictly (sigs.k8s.io/yaml's strict mode), which refuses a key given twice.</summary>
    internal static YamlRefusal DuplicateKey(int line, string key) =>
        new(line, $"line {line} repeats the key '{key}', which the kubelet refuses (it decodes its config strictly): keep one");

    internal static YamlRefusal NotUtf8(int line) =>
        new(line, $"line {line} is not UTF-8, which the kubelet refuses too: save the file as UTF-8");
}
