using System.Text;
using Ibmtp.Yaml;
using YamlDotNet.RepresentationModel;

namespace Ibmtp.Testing.Yaml;

/// <summary>YamlDotNet's node model as the reference <see cref="StrictYamlReader"/>'s trees are held to.</summary>
public static class YamlOracle
{
    /// <summary>YamlDotNet's tree of <paramref name="bytes"/> as text, in the form <see cref="Describe(Ibmtp.Yaml.YamlNode?)"/> gives; throws what YamlDotNet throws.</summary>
    public static string Expected(byte[] bytes)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(new UTF8Encoding(false, true).GetString(bytes)));
        return stream.Documents.Count switch
        {
            0 => "(none)",
            1 => Describe(stream.Documents[0].RootNode),
            _ => "(several)",
        };
    }

    public static string Describe(Ibmtp.Yaml.YamlNode? node) => node switch
    {
        null => "(none)",
        YamlScalar scalar => Quote(scalar.Value),
        YamlSequence sequence => "[" + string.Join(", ", sequence.Items.Select(Describe)) + "]",
        YamlMapping mapping => "{" + string.Join(", ", mapping.Entries.Select(entry => Quote(entry.Key) + ": " + Describe(entry.Value))) + "}",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static string Describe(YamlDotNet.RepresentationModel.YamlNode node) => node switch
    {
        YamlScalarNode scalar => Quote(scalar.Value ?? ""),
        YamlSequenceNode sequence => "[" + string.Join(", ", sequence.Children.Select(Describe)) + "]",
        YamlMappingNode mapping => "{" + string.Join(", ", mapping.Children.Select(entry =>
            (entry.Key is YamlScalarNode key ? Quote(key.Value ?? "") : "(complex key)") + ": " + Describe(entry.Value))) + "}",
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    private static string Quote(string value) =>
        "\"" + string.Concat(value.Select(c => c is '"' or '\\' || c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";
}
