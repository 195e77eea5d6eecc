using Ibmtp.Configuration;
using Ibmtp.Files;
using Ibmtp.Hosts;
using Ibmtp.Platform;

namespace Ibmtp.Keystores.Pass;

/// <summary>
/// Logins kept in the user's password store, one entry per host under <c>docker-credential-ibmtp/</c>,
/// encrypted by pass with the user's GnuPG key. Which hosts are there is read from the store's folder,
/// as pass itself and docker-credential-pass do; their contents only through pass, and only from an
/// entry that is a plain file: a link or a FIFO there is reported, never followed or read.
/// </summary>
/// <param name="warnUser">Tells the user of an entry <see cref="Usernames"/> could not read and went past.</param>
public sealed class PassKeystore(PassEnvironment environment, IPassProgram pass, WriteLock writes, Action<string> warnUser) : IKeystore
{
    public const string Folder = "docker-credential-ibmtp";

    // Key IDs, one a line: a few hundred bytes for a team.
    private const int GpgIdFileLimit = 64 * 1024;

    /// <param name="deadline">The command's time budget, which every run of pass shares.</param>
    public static PassKeystore Open(IEnvironment environment, WriteLock writes, Deadline deadline, Action<string> warnUser)
    {
        var passEnvironment = new PassEnvironment(environment);
        return new PassKeystore(passEnvironment, new PassProgram(passEnvironment, deadline), writes, warnUser);
    }

    private string StoreFolder => environment.StoreFolder;

    private string EntriesFolder => Path.Combine(StoreFolder, Folder);

    public StoredLogin? Find(RegistryHost host)
    {
        RequireReachable();
        return File.Exists(EntryFile(host.ToString())) ? Read(host.ToString()) : null;
    }

    /// <summary>
    /// Each entry is decrypted for its username, which pass's convention keeps inside it. An entry that
    /// cannot be read is reported and left out, so one bad entry does not hide the others.
    /// </summary>
    public IReadOnlyDictionary<string, string> Usernames()
    {
        RequireReachable();
        var usernames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var host in StoredHosts())
        {
            try
            {
                usernames[host] = Read(host).Username;
            }
            catch (UnreadableEntryException unreadable)
            {
                warnUser($"skipped {EntryName(host)}: {unreadable.Message}");
            }
        }
        return usernames;
    }

    public void Save(RegistryHost host, StoredLogin login)
    {
        var entry = PassEntry.Write(login);
        RequireReachable();
        var name = EntryName(host.ToString());
        // pass commits each change when the store is a git repository, and git takes one commit at a time.
        using var exclusive = writes.Hold();
        // gpg would write through a link, or wait on a FIFO, where the entry is.
        RequirePlainFile(host.ToString());
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
        RequirePlainFile(host);
        var shown = pass.Run(["show", name]);
        if (shown.OutputTooLarge)
            throw new UnreadableEntryException($"{name} in the password store holds more than {PassProgram.OutputLimit / 1024} KiB, far more than a login: look at it with pass edit {name}, or log in again to replace it");
        if (!shown.Succeeded)
            throw new UnreadableEntryException($"pass could not decrypt {name} ({shown.Problem()}): check that the secret key it was encrypted for is in your keyring (gpg --list-secret-keys) and that gpg-agent can ask for its passphrase");
        return PassEntry.Read(shown.Output)
            ?? throw new UnreadableEntryException($"{name} in the password store has no 'username:' line after the secret: add one with pass edit {name}, or log in again");
    }

    /// <summary>
    /// Refuses an entry that is a symbolic link (pass would decrypt whatever it points to) or a FIFO,
    /// a device or a socket (gpg would wait on it), checked on the entry opened without following links and without blocking.
    /// </summary>
    private void RequirePlainFile(string host)
    {
        var name = EntryName(host);
        try
        {
            SafeOpen.ForReading(EntryFile(host), Links.Refuse).Dispose();
        }
        catch (FileNotFoundException)
        {
            // Removed since it was listed: pass says so in its own words.
        }
        catch (UnsafeFileException)
        {
            throw new UnreadableEntryException($"the password store entry {name} is a symbolic link, which the helper never follows: replace it with the entry itself (pass rm {name}, then log in again)");
        }
        catch (IOException)
        {
            throw new UnreadableEntryException($"the password store entry {name} is not a plain file (a FIFO, a device, a socket or a folder), which the helper never reads: remove it, then log in again");
        }
    }

    /// <summary>The hosts with an entry, by file name; a name that is not a host as we write it is not ours.</summary>
    private IEnumerable<string> StoredHosts() =>
        Directory.Exists(EntriesFolder)
            ? Directory.EnumerateFiles(EntriesFolder, "*.gpg")
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Where(name => RegistryHost.TryParse(name, out var host) && host.ToString() == name)
            : [];

    private static IEnumerable<string> GpgIds(string gpgIdFile)
    {
        string text;
        try
        {
            // A FIFO or a huge file there must not hold doctor.
            text = System.Text.Encoding.UTF8.GetString(BoundedFile.ReadAllBytes(gpgIdFile, GpgIdFileLimit, Links.Follow));
        }
        catch (Exception unreadable) when (unreadable is IOException or InvalidDataException)
        {
            throw new HelperException(unreadable.Message);
        }
        return text.Split('\n').Select(line => line.Split('#')[0].Trim()).Where(id => id.Length > 0);
    }

    private static string EntryName(string host) => $"{Folder}/{host}";

    private string EntryFile(string host) => Path.Combine(EntriesFolder, $"{host}.gpg");
}
