using Ibmtp.Platform;

namespace Ibmtp;

/// <summary>Everything a call touches outside the core: environment and standard streams. Tests pass fakes.</summary>
public sealed class HelperContext
{
    public required IEnvironment Environment { get; init; }

    public required Stream Input { get; init; }

    public required Stream Output { get; init; }

    public required Stream Error { get; init; }
}
