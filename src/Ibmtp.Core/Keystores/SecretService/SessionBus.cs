using Ibmtp.Platform;

namespace Ibmtp.Keystores.SecretService;

/// <summary>Where the D-Bus session bus is, found the way libdbus and GDBus look for it.</summary>
public static class SessionBus
{
    /// <summary>
    /// DBUS_SESSION_BUS_ADDRESS, else systemd's per-user socket, else null. A bus is never autolaunched
    /// through X11 as GDBus would: on a headless server that fails slowly or starts a stray daemon.
    /// </summary>
    public static string? Address(IEnvironment environment) =>
        environment.Get("DBUS_SESSION_BUS_ADDRESS") is { Length: > 0 } address ? address
        : environment.Get("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && File.Exists(Path.Combine(runtime, "bus")) ? $"unix:path={Path.Combine(runtime, "bus")}"
        : null;
}
