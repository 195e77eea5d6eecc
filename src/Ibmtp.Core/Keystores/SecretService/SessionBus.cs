using Ibmtp.Platform;

namespace Ibmtp.Keystores.SecretService;

/// <summary>Whether a D-Bus session bus can be found the way GDBus looks for one, without letting it start one.</summary>
public static class SessionBus
{
    /// <summary>
    /// DBUS_SESSION_BUS_ADDRESS, else systemd's per-user socket. Without either, GDBus would try to
    /// autolaunch a bus through X11, which on a headless server fails slowly or starts a stray daemon.
    /// </summary>
    public static bool Exists(IEnvironment environment) =>
        !string.IsNullOrEmpty(environment.Get("DBUS_SESSION_BUS_ADDRESS"))
        || (environment.Get("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && File.Exists(Path.Combine(runtime, "bus")));
}
