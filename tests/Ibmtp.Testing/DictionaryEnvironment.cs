using Ibmtp.Platform;

namespace Ibmtp.Testing;

/// <summary>An environment made from a dictionary: empty values count as unset, as in a shell's <c>${VAR:-default}</c>.</summary>
public sealed class DictionaryEnvironment(IReadOnlyDictionary<string, string> variables) : IEnvironment
{
    public string? Get(string name) =>
        variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
