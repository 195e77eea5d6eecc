using System.Diagnostics;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A private D-Bus session for one test home, run by <c>dbus-run-session</c>, with a GNOME Keyring whose
/// login keyring is created and unlocked with a test password. Every child process of the home talks to
/// it through DBUS_SESSION_BUS_ADDRESS; disposing ends the session, and with it the bus and the keyring.
/// </summary>
public sealed class SecretServiceSession : IDisposable
{
    public const string KeyringPassword = "keyring-test-password";

    private readonly Process _session;
    private readonly TestHome _home;

    private SecretServiceSession(Process session, TestHome home)
    {
        _session = session;
        _home = home;
    }

    /// <summary>Starts the session and points <paramref name="home"/>'s environment at it.</summary>
    public static async Task<SecretServiceSession> StartAsync(TestHome home)
    {
        var dbusRunSession = Peers.Require("dbus-run-session");
        Peers.Require("gnome-keyring-daemon");
        Peers.Require("secret-tool");
        Peers.Require("dbus-send");
        var addressFile = Path.Combine(home.Subdirectory("dbus"), "address");
        // The shell unlocks the keyring, publishes the bus address, and then holds the session open until
        // its stdin closes: dbus-run-session ends the bus when its child exits.
        var startInfo = new ProcessStartInfo(dbusRunSession)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--", "sh", "-c", """printf %s "$1" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && printf '%s\n' "$DBUS_SESSION_BUS_ADDRESS" > "$2" && read -r _""", "sh", KeyringPassword, addressFile })
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment.Clear();
        foreach (var (name, value) in home.Environment)
            startInfo.Environment[name] = value;

        var session = Process.Start(startInfo) ?? throw new InvalidOperationException("dbus-run-session did not start");
        var started = new SecretServiceSession(session, home);
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(addressFile) || new FileInfo(addressFile).Length == 0)
        {
            if (session.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                var error = session.HasExited ? await session.StandardError.ReadToEndAsync() : "no address after 20 s";
                started.Dispose();
                throw new InvalidOperationException($"the D-Bus session with GNOME Keyring did not start: {error}");
            }
            await Task.Delay(50);
        }
        home.Environment["DBUS_SESSION_BUS_ADDRESS"] = (await File.ReadAllTextAsync(addressFile)).Trim();
        return started;
    }

    /// <summary>Runs <c>secret-tool</c> in the session, as a person at that desktop would.</summary>
    public Task<ProcessResult> SecretToolAsync(params string[] arguments) =>
        ProcessRunner.RunAsync("secret-tool", arguments, new ProcessOptions { Environment = _home.Environment, InheritEnvironment = false });

    /// <summary>Locks the login keyring, as the screen locker or a timeout would.</summary>
    public Task<ProcessResult> LockKeyringAsync() =>
        ProcessRunner.RunAsync("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.secrets", "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock", "array:objpath:/org/freedesktop/secrets/collection/login"],
            new ProcessOptions { Environment = _home.Environment, InheritEnvironment = false });

    public void Dispose()
    {
        try
        {
            _session.StandardInput.Close();
            if (!_session.WaitForExit(TimeSpan.FromSeconds(10)))
                _session.Kill(entireProcessTree: true);
        }
        finally
        {
            _session.Dispose();
        }
    }
}
