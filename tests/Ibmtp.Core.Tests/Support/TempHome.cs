using System.Security.Cryptography;
using Ibmtp.Keystores;
using Ibmtp.Keystores.EncryptedFile;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Tests.Support;

/// <summary>
/// A throwaway home folder for one test: HOME and every XDG folder point inside it, so the helper
/// never sees the real user's config, keystore or logs. Deleted on dispose.
/// </summary>
public sealed class TempHome : IDisposable
{
    public TempHome()
    {
        Root = Directory.CreateTempSubdirectory("ibmtp-tests-").FullName;
        Variables = new Dictionary<string, string>
        {
            ["HOME"] = Root,
            ["XDG_CONFIG_HOME"] = Path.Combine(Root, "config"),
            ["XDG_DATA_HOME"] = Path.Combine(Root, "data"),
            ["XDG_STATE_HOME"] = Path.Combine(Root, "state"),
            ["XDG_CACHE_HOME"] = Path.Combine(Root, "cache"),
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

    public FileKeystore Keystore(string? passphrase = null) => new(Paths.DataFolder, passphrase is null ? null : new Secret(passphrase));

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

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
