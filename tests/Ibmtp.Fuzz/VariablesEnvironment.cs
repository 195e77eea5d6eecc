using Ibmtp.Platform;

namespace Ibmtp.Fuzz;

/// <summary>The helper's environment, made from a fixed set of variables.</summary>
public sealed class VariablesEnvironment(IReadOnlyDictionary<string, string> variables) : IEnvironment
{
    public string? Get(string name) => variables.GetValueOrDefault(name);
}
