namespace Ibmtp.Platform;

/// <summary>
/// Everything a call touches outside the core: environment, standard input, stdout and stderr as
/// <see cref="LineWriter"/>s, and the clock. The executable passes the real ones; tests pass fakes.
/// </summary>
public sealed class HelperContext
{
    public required IEnvironment Environment { get; init; }

    public required Stream Input { get; init; }

    public required LineWriter Output { get; init; }

    public required LineWriter Error { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The effective user ID, which names per-user runtime folders such as <c>/run/containers/&lt;uid&gt;</c>.</summary>
    public int UserId { get; init; }

    /// <summary>The name of the program that started the helper (<c>podman</c>, <c>docker</c>), or null when unknown; asked only by calls that need it.</summary>
    public Func<string?> CallerName { get; init; } = () => null;

    /// <summary>The person's terminal, for <c>login</c>'s passcode; null where there is none (and in the protocol's commands, which never prompt).</summary>
    public ITerminal? Terminal { get; init; }
}
