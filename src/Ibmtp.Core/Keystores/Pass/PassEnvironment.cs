using Ibmtp.Platform;

namespace Ibmtp.Keystores.Pass;

/// <summary>
/// Where pass keeps its store and what pass, gpg and git see when the helper runs it: only the
/// variables they read, taken from the helper's environment, so that a call made with a given
/// environment reaches the store and keyring that environment names and no other.
/// </summary>
public sealed class PassEnvironment(IEnvironment environment)
{
    private const string ProgramName = "pass";

    // pass's settings; GnuPG's keyring, agent and the places pinentry may ask for a passphrase;
    // git's identity and configuration, for the commit pass makes when the store is a repository;
    // and what any program expects.
    private static readonly string[] PassedThrough =
    [
        "PASSWORD_STORE_DIR", "PASSWORD_STORE_KEY", "PASSWORD_STORE_GPG_OPTS", "PASSWORD_STORE_UMASK",
        "PASSWORD_STORE_SIGNING_KEY", "PASSWORD_STORE_ENABLE_EXTENSIONS", "PASSWORD_STORE_EXTENSIONS_DIR",
        "GNUPGHOME", "GPG_TTY", "GPG_AGENT_INFO", "PINENTRY_USER_DATA",
        "DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "TERM",
        "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL",
        "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "XDG_CONFIG_HOME",
        "PATH", "HOME", "USER", "LOGNAME", "TMPDIR", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE",
    ];

    /// <summary><c>${PASSWORD_STORE_DIR:-$HOME/.password-store}</c>, as pass itself works it out.</summary>
    public string StoreFolder => environment.Get("PASSWORD_STORE_DIR") ?? Path.Combine(new HelperPaths(environment).Home, ".password-store");

    /// <summary>The GnuPG IDs PASSWORD_STORE_KEY names, which pass uses instead of the store's <c>.gpg-id</c>.</summary>
    public string? KeyOverride => environment.Get("PASSWORD_STORE_KEY");

    /// <summary>The child's whole environment.</summary>
    public IReadOnlyDictionary<string, string> Variables() =>
        PassedThrough.Select(name => (Name: name, Value: environment.Get(name)))
            .Where(variable => variable.Value is not null)
            .ToDictionary(variable => variable.Name, variable => variable.Value!);

    /// <summary>The pass executable on this environment's PATH, or null: the helper's own PATH may differ from the one it was given.</summary>
    public string? FindProgram() =>
        (environment.Get("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(Path.IsPathRooted)
            .Select(folder => Path.Combine(folder, ProgramName))
            .FirstOrDefault(IsExecutableFile);

    private static bool IsExecutableFile(string path) =>
        File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
