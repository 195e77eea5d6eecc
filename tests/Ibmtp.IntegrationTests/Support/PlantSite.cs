namespace Ibmtp.IntegrationTests;

/// <summary>
/// A path the helper opens, how a HOME is brought to the point where the helper opens it, and the
/// calls that then open it. The hostile file-system tests plant links, FIFOs and devices there.
/// </summary>
/// <param name="IsOurs">The helper's own file, never to be followed through a link; otherwise the user names it (config, @file), and reading through a link is theirs to choose.</param>
/// <param name="IsRead">The helper reads it (or appends to it): a FIFO or /dev/zero there must not hang it.</param>
/// <param name="MaySucceedOverGarbage">Only a cache or the log: a call may succeed by doing without it.</param>
/// <param name="Path">Worked out after <paramref name="PrepareAsync"/>, which may be what creates it.</param>
public sealed record PlantSite(
    string Name,
    bool IsFolder,
    bool IsOurs,
    bool IsRead,
    bool MaySucceedOverGarbage,
    Func<TestHome, IamWorld, Task> PrepareAsync,
    Func<TestHome, string> Path,
    IReadOnlyList<HelperCall> Calls)
{
    public override string ToString() => Name;
}
