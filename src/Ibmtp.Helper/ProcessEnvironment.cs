using Ibmtp.Platform;

namespace Ibmtp.Helper;

/// <summary>The real process environment. Empty values count as unset, as in a shell's <c>${VAR:-default}</c>.</summary>
internal sealed class ProcessEnvironment : IEnvironment
{
    public string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
