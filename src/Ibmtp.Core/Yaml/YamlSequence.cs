namespace Ibmtp.Yaml;

/// <summary>A sequence, block (<c>- a</c>) or flow (<c>[a, b]</c>), its items in order.</summary>
public sealed class YamlSequence(YamlNode[] items) : YamlNode
{
    public YamlNode[] Items { get; } = items;
}
