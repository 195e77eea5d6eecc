namespace Ibmtp.Yaml;

/// <summary>A node of the plain YAML <see cref="StrictYamlReader"/> reads: a <see cref="YamlMapping"/>, a <see cref="YamlSequence"/> or a <see cref="YamlScalar"/>.</summary>
public abstract class YamlNode;
