using System.ComponentModel;
using System.Diagnostics;

namespace Ibmtp.Platform;

/// <summary>Opens a web page for a person, the way their desktop opens links, when they have a desktop.</summary>
public static class Browser
{
    /// <summary>
    /// Starts <c>open</c> (macOS) or, with a display, <c>xdg-open</c> on the page and does not wait for it;
    /// false when there is no display or no opener. Over SSH or in a container there is none, and the
    /// person opens the address printed beside it.
    /// </summary>
    public static bool TryOpen(IEnvironment environment, Uri page)
    {
        var opener = OperatingSystem.IsMacOS() ? "open"
            : environment.Get("DISPLAY") is { Length: > 0 } || environment.Get("WAYLAND_DISPLAY") is { Length: > 0 } ? "xdg-open"
            : null;
        if (opener is null)
            return false;
        var start = new ProcessStartInfo(opener)
        {
            UseShellExecute = false,
            // It must not read the passcode typed next. Its output stays on the person's terminal: a browser it
            // starts in the foreground inherits it, and would die writing to a pipe nobody reads.
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(page.AbsoluteUri);
        try
        {
            using var process = Process.Start(start);
            process?.StandardInput.Close();
            return process is not null;
        }
        catch (Win32Exception)
        {
            return false;
        }
    }
}
