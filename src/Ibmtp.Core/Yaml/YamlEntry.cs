namespace Ibmtp.Yaml;

/// <summary>One key of a <see cref="YamlMapping"/> (always a scalar) and its value.</summary>
public sealed class YamlEntry(string key, YamlNode value)
{
    public string Key { get; } = key;

    public YamlNode Value { get; } = value;
}
