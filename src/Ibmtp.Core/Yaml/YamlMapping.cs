namespace Ibmtp.Yaml;

/// <summary>A mapping, block (<c>key: value</c>) or flow (<c>{key: value}</c>), its entries in order; no key twice.</summary>
public sealed class YamlMapping(YamlEntry[] entries) : YamlNode
{
    public YamlEntry[] Entries { get; } = entries;

    /// <summary>The value of <paramref name="key"/>, or null when the mapping has no such key.</summary>
    public YamlNode? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
                return entry.Value;
        }
        return null;
    }
}
