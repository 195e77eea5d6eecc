using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary>One row of the <see cref="CommandTable"/>: what a user types, what it does, and the code that does it.</summary>
/// <param name="Run">Runs the command with the arguments after its name; returns the exit status.</param>
/// <param name="Aliases">Other spellings users and tools expect, such as <c>--version</c>.</param>
public sealed record Command(string Name, string Summary, Func<HelperContext, IReadOnlyList<string>, int> Run, params string[] Aliases)
{
    public bool IsCalled(string name) => Name == name || Aliases.Contains(name);
}
