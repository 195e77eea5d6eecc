using System.Security.Cryptography;

namespace Ibmtp.IntegrationTests;

/// <summary>Where the helper keeps its files inside a <see cref="TestHome"/> (the XDG folders it sets).</summary>
public static class HelperFiles
{
    public static string KeystoreFolder(this TestHome home) => Path.Combine(home.Environment["XDG_DATA_HOME"], "ibmtp");

    public static string KeystoreFile(this TestHome home) => Path.Combine(home.KeystoreFolder(), "keystore.json");

    public static string KeystoreKeyFile(this TestHome home) => Path.Combine(home.KeystoreFolder(), "keystore.key");

    public static string KeystoreLockFile(this TestHome home) => Path.Combine(home.KeystoreFolder(), "keystore.lock");

    public static string CacheFolder(this TestHome home) => Path.Combine(home.Environment["XDG_CACHE_HOME"], "ibmtp");

    public static string CacheKeyFile(this TestHome home) => Path.Combine(home.CacheFolder(), "cache.key");

    public static string CacheLockFile(this TestHome home) => Path.Combine(home.CacheFolder(), "cache.lock");

    /// <summary>The temporary files of interrupted atomic writes in <paramref name="folder"/>, by name.</summary>
    public static IReadOnlyList<string> Temporaries(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.tmp").Select(entry => Path.GetFileName(entry)).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Every entry of <paramref name="folder"/>, by name; none when it does not exist.</summary>
    public static IReadOnlyList<string> Entries(string folder) =>
        Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder).Select(entry => Path.GetFileName(entry)).Order(StringComparer.Ordinal).ToList() : [];

    public static string LogFolder(this TestHome home) => Path.Combine(home.Environment["XDG_STATE_HOME"], "ibmtp");

    public static string LogFile(this TestHome home) => Path.Combine(home.LogFolder(), "ibmtp.log");

    /// <summary>The helper's log, or "" when it wrote none.</summary>
    public static string ReadLog(this TestHome home) => File.Exists(home.LogFile()) ? File.ReadAllText(home.LogFile()) : string.Empty;

    /// <summary>sha256 of the keystore file and its key file, so a test can prove neither changed.</summary>
    public static string KeystoreFingerprint(this TestHome home) =>
        $"keystore.json={Fingerprint(home.KeystoreFile())} keystore.key={Fingerprint(home.KeystoreKeyFile())}";

    private static string Fingerprint(string file) =>
        File.Exists(file) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))) : "(absent)";
}
