namespace Ibmtp.Diagnostics;

/// <summary>One line of <c>doctor</c>'s report: a name, what was found, and whether it stops <c>get</c> or is worth fixing.</summary>
/// <param name="Problem">True when this fact is why <c>get</c> would fail, or a trap worth fixing (a login that shadows the helper).</param>
public sealed record Fact(string Name, string Value, bool Problem = false);
