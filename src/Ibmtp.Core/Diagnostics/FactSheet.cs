using Ibmtp.Secrets;

namespace Ibmtp.Diagnostics;

/// <summary>The facts <c>doctor</c> has found so far, in the order the checks found them.</summary>
public sealed class FactSheet
{
    private readonly List<Fact> _facts = [];

    public IReadOnlyList<Fact> Facts => _facts;

    /// <summary>Adds a fact. Its value can hold a keyring's or a server's own words, so it is made one safe line (see <see cref="SafeLine"/>).</summary>
    public void Add(string name, string value, bool problem = false) => _facts.Add(new Fact(name, SafeLine.Of(value), problem));

    /// <summary>Adds a fact that is fine, for a check that ends on it.</summary>
    /// <returns>True: <c>get</c> gets past it.</returns>
    public bool Say(string name, string value)
    {
        Add(name, value);
        return true;
    }

    /// <summary>Adds a problem, for a check that ends on it.</summary>
    /// <returns>False: <c>get</c> stops there.</returns>
    public bool Fail(string name, string value)
    {
        Add(name, value, problem: true);
        return false;
    }
}
