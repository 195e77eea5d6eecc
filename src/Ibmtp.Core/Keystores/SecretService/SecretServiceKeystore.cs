using System.Security.Cryptography;
using System.Text;
using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Secrets;

namespace Ibmtp.Keystores.SecretService;

/// <summary>
/// Logins kept as Secret Service items (GNOME Keyring, KeePassXC, KWallet): one per host, with the
/// attributes <c>application</c>, <c>server</c> and <c>username</c>, so <c>secret-tool search server
/// us.icr.io</c> finds them. A locked keyring is reported, never unlocked by a prompt the caller cannot see.
/// </summary>
/// <param name="secretService">The Secret Service on the session bus, or null when there is no session bus.</param>
/// <param name="writes">
/// Held by each save and removal: a save keeps its item and then deletes the host's others, so two
/// saves for one host that overlap would leave both items, or delete each other's.
/// </param>
public sealed class SecretServiceKeystore(ISecretItems? secretService, WriteLock writes) : IKeystore
{
    public const string Application = "application";
    public const string Server = "server";
    public const string Username = "username";

    private static string OtherStores => $"set {KeystoreKinds.Assignment(KeystoreKind.Pass)} or {KeystoreKinds.All.Spelling(KeystoreKind.File)}";

    public StoredLogin? Find(RegistryHost host)
    {
        var found = Use(items => items.Search(HostAttributes(host), withSecrets: true));
        try
        {
            var forHost = ForHost(found, host);
            if (forHost.Count == 0)
                return null;
            // Another program's item for the host, with no username, is no login docker could use.
            var item = forHost.FirstOrDefault(item => item.Attributes.ContainsKey(Username))
                ?? throw new HelperException($"the Secret Service item for {host} has no username, so it was not saved by this helper: delete it (secret-tool clear {Application} {HelperInfo.Name} {Server} {host}) and log in again");
            if (item.Locked || item.Secret is null)
                throw Locked($"the keyring that holds the login for {host}");
            return new StoredLogin(item.Attributes[Username], new Secret(Encoding.UTF8.GetString(item.Secret)));
        }
        finally
        {
            foreach (var item in found)
                CryptographicOperations.ZeroMemory(item.Secret);
        }
    }

    public void Save(RegistryHost host, StoredLogin login)
    {
        using var exclusive = writes.Hold();
        var collection = RequireUnlockedDefault();
        var secret = Encoding.UTF8.GetBytes(login.Secret.Value);
        try
        {
            Use(items => items.Store(collection, LoginAttributes(host, login.Username), $"{HelperInfo.Name}: {host}", secret));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
        // Another username's item for the host is removed only once the new one is kept, so no login is lost between the two.
        foreach (var other in ForHost(Use(items => items.Search(HostAttributes(host), withSecrets: false)), host))
        {
            if (other.Attributes.GetValueOrDefault(Username) is { } username && username != login.Username)
                Use(items => items.Clear(LoginAttributes(host, username)));
        }
    }

    public bool Remove(RegistryHost host)
    {
        var found = ForHost(Use(items => items.Search(HostAttributes(host), withSecrets: false)), host);
        if (found.Count == 0)
            return false;
        if (found.Any(item => item.Locked))
            throw Locked($"the keyring that holds the login for {host}");
        using var exclusive = writes.Hold();
        return Use(items => items.Clear(HostAttributes(host)));
    }

    public IDisposable HoldWrites() => writes.Hold();

    /// <summary>
    /// Only the items for this very host: a keyring that answers a search with items it does not match must
    /// not make one host's login, or the sign-in session's entry, out of another's, nor have it removed.
    /// </summary>
    private static List<SecretItem> ForHost(IReadOnlyList<SecretItem> found, RegistryHost host) =>
        found.Where(item => item.Attributes.TryGetValue(Server, out var server) && server == host.ToString()).ToList();

    // A locked item's attributes can still be read, so listing needs no unlocked keyring.
    public IReadOnlyDictionary<string, string> Usernames()
    {
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in Use(items => items.Search(OurAttributes(), withSecrets: false)))
        {
            if (item.Attributes.GetValueOrDefault(Server) is { } server && item.Attributes.GetValueOrDefault(Username) is { } username)
                listed.TryAdd(server, username);
        }
        return listed;
    }

    public string Check()
    {
        var collection = RequireUnlockedDefault();
        return $"Secret Service, keyring '{collection.Label}' (unlocked), {Usernames().Count} login(s)";
    }

    private SecretCollection RequireUnlockedDefault()
    {
        var collection = Use(items => items.DefaultCollection())
            ?? throw new HelperException($"the Secret Service has no default keyring: create one (in Seahorse, + then Password keyring, then Set as default), or {OtherStores}");
        return collection.Locked ? throw Locked($"the Secret Service keyring '{collection.Label}'") : collection;
    }

    private static Dictionary<string, string> OurAttributes() => new() { [Application] = HelperInfo.Name };

    private static Dictionary<string, string> HostAttributes(RegistryHost host) => new(OurAttributes()) { [Server] = host.ToString() };

    private static Dictionary<string, string> LoginAttributes(RegistryHost host, string username) => new(HostAttributes(host)) { [Username] = username };

    private static HelperException Locked(string what) =>
        new($"{what} is locked: unlock it (log in to the desktop, or unlock it in Seahorse; on a console, gnome-keyring-daemon --unlock reads its password on stdin) and try again");

    /// <summary>Every call goes through here, so each failure is one line that names the fix.</summary>
    private T Use<T>(Func<ISecretItems, T> call)
    {
        if (secretService is null)
            throw new HelperException($"the secretservice keystore needs a D-Bus session bus, and there is none (DBUS_SESSION_BUS_ADDRESS is not set): on a headless machine {OtherStores}");
        try
        {
            return call(secretService);
        }
        catch (SecretServiceException error)
        {
            throw new HelperException($"the Secret Service failed ({error.Message}): start a keyring (gnome-keyring-daemon, or KeePassXC with its Secret Service integration), or {OtherStores}");
        }
    }

    private void Use(Action<ISecretItems> call) => Use(items =>
    {
        call(items);
        return true;
    });
}
