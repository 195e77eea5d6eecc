namespace Ibmtp.Platform;

/// <summary>The person's terminal, for what must not show on the screen or in its scrollback (a one-time passcode).</summary>
public interface ITerminal
{
    /// <summary>Shows <paramref name="prompt"/> and reads one line without echo; null when the helper has no terminal to read from.</summary>
    string? ReadHidden(string prompt);
}
