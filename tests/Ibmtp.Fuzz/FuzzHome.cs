using Ibmtp.Configuration;
using Ibmtp.Files;
using Ibmtp.Keystores;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Testing;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Fuzz;

/// <summary>
/// A <see cref="TempHome"/> holding a keystore with two known logins and a token-cache key.
/// <see cref="Reset"/> puts it back as it was before each input, far faster than a new home, since a
/// fuzzer runs thousands of inputs a second through one process.
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

    private readonly TempHome _home = new();
    private readonly Dictionary<string, byte[]> _template;

    public FuzzHome()
    {
        // Opening the log file costs a call twenty times what parsing its input does, and the
        // log reads no outside input; the config target still resolves a file's logLevel.
        _home.Variables[SettingsTable.LogLevel.Variable] = "off";

        WritePrivate(_home.KeyFile, FixedKey);
        WritePrivate(Path.Combine(Paths.CacheFolder, "cache.key"), FixedKey);
        var keystore = _home.Keystore();
        keystore.Save(Host(StoredHost), new StoredLogin("iamapikey", new Secret("fuzz-stored-api-key-us")));
        keystore.Save(Host("de.icr.io"), new StoredLogin("iambearer", new Secret("fuzz-stored-token-de")));
        _template = Directory.EnumerateFiles(_home.Root, "*", SearchOption.AllDirectories).ToDictionary(path => path, File.ReadAllBytes);
    }

    public IReadOnlyDictionary<string, string> Variables => _home.Variables;

    public IEnvironment Environment => _home.Environment;

    public HelperPaths Paths => _home.Paths;

    public string KeystoreFile => _home.KeystoreFile;

    /// <summary>Deletes every file the last input left, and writes back the keystore, its key and the cache key where they differ.</summary>
    public void Reset()
    {
        foreach (var path in Directory.EnumerateFiles(_home.Root, "*", SearchOption.AllDirectories))
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
    public StoredFiles Stored() => new(ReadIfPresent(KeystoreFile), ReadIfPresent(_home.KeyFile));

    private static byte[]? ReadIfPresent(string path) => File.Exists(path) ? File.ReadAllBytes(path) : null;

    public void Dispose() => _home.Dispose();
}
