namespace Ibmtp.Yaml;

/// <summary>A scalar as its text, untyped: <c>1</c>, <c>"1"</c> and <c>null</c> are strings, and an empty value is the empty string, as YamlDotNet's node model shows them.</summary>
public sealed class YamlScalar(string value) : YamlNode
{
    public string Value { get; } = value;
}
