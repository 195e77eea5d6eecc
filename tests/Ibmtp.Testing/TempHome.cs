using System.Security.Cryptography;
using Ibmtp.Composition;
using Ibmtp.Configuration;
using Ibmtp.Keystores;
using Ibmtp.Platform;

namespace Ibmtp.Testing;

/// <summary>
/// A throwaway home folder for one test: HOME and every XDG folder point inside it, so the helper
/// never sees the real user's config, keystore or logs. Deleted on dispose. The integration tests'
/// home and the fuzzer's build on it.
/// </summary>
public sealed class TempHome : IDisposable
{
    // Short and fixed rather than $TMPDIR: unix socket paths below it (a D-Bus session, gpg-agent) must stay under 108 bytes.
    private const string Parent = "/tmp";

    public TempHome()
    {
        Root = Path.Combine(Parent, $"ibmtp-home-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Variables = new Dictionary<string, string>
        {
            ["HOME"] = Root,
            ["XDG_CONFIG_HOME"] = Path.Combine(Root, ".config"),
            ["XDG_DATA_HOME"] = Path.Combine(Root, ".local", "share"),
            ["XDG_STATE_HOME"] = Path.Combine(Root, ".local", "state"),
            ["XDG_CACHE_HOME"] = Path.Combine(Root, ".cache"),
            ["XDG_RUNTIME_DIR"] = Path.Combine(Root, "run"),
        };
    }

    public string Root { get; }

    /// <summary>The environment the helper sees; tests add IBMTP_* variables to it.</summary>
    public Dictionary<string, string> Variables { get; }

    public IEnvironment Environment => new DictionaryEnvironment(Variables);

    public HelperPaths Paths => new(Environment);

    public string KeystoreFile => Path.Combine(Paths.DataFolder, "keystore.json");

    public string KeyFile => Path.Combine(Paths.DataFolder, "keystore.key");

    /// <summary>The encrypted file store of this home, as the helper opens it; with a passphrase as IBMTP_KEYSTORE_PASSPHRASE gives it.</summary>
    public IKeystore Keystore(string? passphrase = null) =>
        OpenKeystore(KeystoreKind.File, passphrase is null ? [] : new() { [SettingsTable.KeystorePassphrase.Variable] = passphrase });

    /// <summary>The store of that kind as the helper opens it for a call in this home.</summary>
    /// <param name="variables">Added to this home's for this opening only.</param>
    public IKeystore OpenKeystore(KeystoreKind kind, Dictionary<string, string>? variables = null)
    {
        // The store is what is opened; a log would only add files to the home.
        var environment = new Dictionary<string, string>(Variables) { [SettingsTable.LogLevel.Variable] = "off" };
        foreach (var (name, value) in variables ?? [])
            environment[name] = value;
        using var services = HelperServices.Create(new HelperContext
        {
            Environment = new DictionaryEnvironment(environment),
            Input = Stream.Null,
            Output = new LineWriter(Stream.Null),
            Error = new LineWriter(Stream.Null),
        });
        return services.OpenKeystore(kind);
    }

    /// <summary>Creates (if needed) and returns a folder below <see cref="Root"/>.</summary>
    public string Subdirectory(params string[] names) => Directory.CreateDirectory(Path.Combine([Root, .. names])).FullName;

    /// <summary>Writes a file at a path relative to <see cref="Root"/> (or absolute) and returns its full path.</summary>
    public string WriteFile(string path, string content)
    {
        var fullPath = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllText(fullPath, content);
        return fullPath;
    }

    /// <summary>Writes the config file where the spec says the helper looks by default: $XDG_CONFIG_HOME/ibmtp/config.json.</summary>
    public string WriteConfig(string json) => WriteFile(Path.Combine(Variables["XDG_CONFIG_HOME"], "ibmtp", "config.json"), json);

    public static IEnumerable<string> FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories) : [];

    /// <summary>Each file under <paramref name="folder"/> with a hash of its bytes, to prove nothing changed.</summary>
    public static IReadOnlyDictionary<string, string> Fingerprint(string folder) =>
        FilesUnder(folder).ToDictionary(path => path, path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))));

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
