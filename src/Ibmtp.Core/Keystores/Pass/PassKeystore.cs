using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Platform;

namespace Ibmtp.Keystores.Pass;

/// <summary>
/// Logins kept in the user's password store, one entry per host under <c>docker-credential-ibmtp/</c>,
/// encrypted by pass with the user's GnuPG key. Which hosts are there is read from the store's folder,
/// as pass itself and docker-credential-pass do; their contents only through pass.
/// </summary>
public sealed class PassKeystore(PassEnvironment environment, IPassProgram pass, WriteLock writes) : IKeystore
{
    public const string Folder = "docker-credential-ibmtp";

    public static PassKeystore Open(IEnvironment environment, WriteLock writes)
    {
        var passEnvironment = new PassEnvironment(environment);
        return new PassKeystore(passEnvironment, new PassProgram(passEnvironment), writes);
    }

    private string StoreFolder => environment.StoreFolder;

    private string EntriesFolder => Path.Combine(StoreFolder, Folder);

    public StoredLogin? Find(RegistryHost host)
    {
        RequireReachable();
        return File.Exists(EntryFile(host.ToString())) ? Read(host.ToString()) : null;
    }

    public IReadOnlyDictionary<string, string> Usernames()
    {
        RequireReachable();
        return StoredHosts().ToDictionary(host => host, host => Read(host).Username);
    }

    public void Save(RegistryHost host, StoredLogin login)
    {
        var entry = PassEntry.Write(login);
        RequireReachable();
        var name = EntryName(host.ToString());
        // pass commits each change when the store is a git repository, and git takes one commit at a time.
        using var exclusive = writes.Hold();
        var inserted = pass.Run(["insert", "--multiline", "--force", name], entry);
        if (!inserted.Succeeded)
            throw new HelperException($"pass could not save {name} ({inserted.Problem()}): check that the GnuPG key the store is initialised for is in your keyring and valid (gpg --list-keys), or run pass init <gpg-id> with one that is");
    }

    public bool Remove(RegistryHost host)
    {
        RequireReachable();
        var name = EntryName(host.ToString());
        using var exclusive = writes.Hold();
        if (!File.Exists(EntryFile(host.ToString())))
            return false;
        var removed = pass.Run(["rm", "--force", name]);
        if (!removed.Succeeded)
            throw new HelperException($"pass could not remove {name} ({removed.Problem()}): remove it with pass rm {name}");
        return true;
    }

    public IDisposable HoldWrites() => writes.Hold();

    public string Check()
    {
        var gpgIdFile = RequireReachable();
        var recipients = gpgIdFile is null ? $"{environment.KeyOverride} (PASSWORD_STORE_KEY)" : $"{string.Join(", ", GpgIds(gpgIdFile))} ({gpgIdFile})";
        return $"pass store {StoreFolder}, encrypted for {recipients}, {StoredHosts().Count()} login(s)";
    }

    /// <summary>
    /// Fails unless pass is installed and knows whom to encrypt our entries for; returns the
    /// <c>.gpg-id</c> file pass reads for them, or null when PASSWORD_STORE_KEY overrides it.
    /// </summary>
    private string? RequireReachable()
    {
        pass.RequireInstalled();
        if (environment.KeyOverride is not null)
            return null;
        // pass takes the .gpg-id nearest to the entry: our folder's own, else the store's.
        return new[] { EntriesFolder, StoreFolder }.Select(folder => Path.Combine(folder, ".gpg-id")).FirstOrDefault(File.Exists)
            ?? throw new HelperException($"the password store {StoreFolder} is not initialised: run pass init <gpg-id> (gpg --list-secret-keys lists yours), or set {KeystoreKinds.Assignment(KeystoreKind.File)}");
    }

    private StoredLogin Read(string host)
    {
        var name = EntryName(host);
        var shown = pass.Run(["show", name]);
        if (!shown.Succeeded)
            throw new HelperException($"pass could not decrypt {name} ({shown.Problem()}): check that the secret key it was encrypted for is in your keyring (gpg --list-secret-keys) and that gpg-agent can ask for its passphrase");
        return PassEntry.Read(shown.Output)
            ?? throw new HelperException($"{name} in the password store has no 'username:' line after the secret: add one with pass edit {name}, or log in again");
    }

    /// <summary>The hosts with an entry, by file name; a name that is not a host as we write it is not ours.</summary>
    private IEnumerable<string> StoredHosts() =>
        Directory.Exists(EntriesFolder)
            ? Directory.EnumerateFiles(EntriesFolder, "*.gpg")
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Where(name => RegistryHost.TryParse(name, out var host) && host.ToString() == name)
            : [];

    private static IEnumerable<string> GpgIds(string gpgIdFile) =>
        File.ReadLines(gpgIdFile).Select(line => line.Split('#')[0].Trim()).Where(id => id.Length > 0);

    private static string EntryName(string host) => $"{Folder}/{host}";

    private string EntryFile(string host) => Path.Combine(EntriesFolder, $"{host}.gpg");
}
