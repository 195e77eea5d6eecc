using Ibmtp.Configuration;
using Ibmtp.Files;
using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Keystores.EncryptedFile;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Fuzz;

/// <summary>
/// A throwaway home that every XDG folder points into, holding a keystore with two known logins and
/// a token-cache key. <see cref="Reset"/> puts it back as it was before each input, far faster than
/// a new home, since a fuzzer runs thousands of inputs a second through one process.
/// </summary>
public sealed class FuzzHome : IDisposable
{
    public const string StoredHost = "us.icr.io";

    /// <summary>
    /// Test data, never a real key: fixed so that the committed keystore and token-cache seeds
    /// decrypt, and the fuzzer starts from files that open.
    /// </summary>
    private static readonly byte[] FixedKey = [.. Enumerable.Range(1, KeyFile.KeySize).Select(value => (byte)value)];

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Dictionary<string, byte[]> _template;

    public FuzzHome()
    {
        Root = Directory.CreateTempSubdirectory("ibmtp-fuzz-").FullName;
        Variables = new Dictionary<string, string>
        {
            ["HOME"] = Root,
            ["XDG_CONFIG_HOME"] = Path.Combine(Root, "config"),
            ["XDG_DATA_HOME"] = Path.Combine(Root, "data"),
            ["XDG_STATE_HOME"] = Path.Combine(Root, "state"),
            ["XDG_CACHE_HOME"] = Path.Combine(Root, "cache"),
            ["XDG_RUNTIME_DIR"] = Path.Combine(Root, "run"),
            // Opening the log file costs a call twenty times what parsing its input does, and the
            // log reads no outside input; the config target still resolves a file's logLevel.
            [SettingsTable.LogLevel.Variable] = "off",
        };
        Paths = new HelperPaths(Environment);

        WritePrivate(KeystoreKeyFile, FixedKey);
        WritePrivate(Path.Combine(Paths.CacheFolder, "cache.key"), FixedKey);
        var keystore = new FileKeystore(Paths.DataFolder, passphrase: null);
        keystore.Save(Host(StoredHost), new StoredLogin("iamapikey", new Secret("fuzz-stored-api-key-us")));
        keystore.Save(Host("de.icr.io"), new StoredLogin("iambearer", new Secret("fuzz-stored-token-de")));
        _template = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).ToDictionary(path => path, File.ReadAllBytes);
    }

    public IReadOnlyDictionary<string, string> Variables { get; }

    private string Root { get; }

    public IEnvironment Environment => new VariablesEnvironment(Variables);

    public HelperPaths Paths { get; }

    public string KeystoreFile => Path.Combine(Paths.DataFolder, "keystore.json");

    private string KeystoreKeyFile => Path.Combine(Paths.DataFolder, "keystore.key");

    /// <summary>Deletes every file the last input left, and writes back the keystore, its key and the cache key where they differ.</summary>
    public void Reset()
    {
        foreach (var path in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            if (!_template.ContainsKey(path))
                File.Delete(path);
        }
        foreach (var (path, content) in _template)
        {
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
                WritePrivate(path, content);
        }
    }

    /// <summary>Writes a file, and its folders, as the helper would: owner-only, which its key files require.</summary>
    public static void WritePrivate(string path, ReadOnlySpan<byte> content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!, OwnerOnlyFolder);
        using var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
        file.Write(content);
    }

    /// <summary>The bytes of the keystore and its key as they are now, to prove later that nothing changed.</summary>
    public StoredFiles Stored() => new(ReadIfPresent(KeystoreFile), ReadIfPresent(KeystoreKeyFile));

    public static RegistryHost Host(string address) =>
        RegistryHost.TryParse(address, out var host) ? host : throw new ArgumentException($"{address} is not a registry host", nameof(address));

    private static byte[]? ReadIfPresent(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
