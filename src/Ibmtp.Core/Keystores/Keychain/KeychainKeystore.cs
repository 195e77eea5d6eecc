using Ibmtp.Configuration;
using Ibmtp.Hosts;

namespace Ibmtp.Keystores.Keychain;

/// <summary>
/// Logins kept in the macOS keychain, one generic password item per host: service
/// <c>docker-credential-ibmtp</c>, the host as the account, and the username in an attribute so that
/// <c>list</c> reads no secret. Writes take the keystores' <see cref="WriteLock"/>, as every store's do.
/// </summary>
public sealed class KeychainKeystore(IKeychainItems items, WriteLock writes) : IKeystore
{
    public const string Service = "docker-credential-ibmtp";

    /// <summary>The keystore on the system's keychain; anywhere but macOS, an error that names the stores there are.</summary>
    public static KeychainKeystore OnThisSystem(WriteLock writes) =>
        OperatingSystem.IsMacOS()
            ? new(new SecurityFrameworkItems(), writes)
            : throw new HelperException($"the keychain keystore is macOS's; on Linux set {SettingsTable.Keystore.Variable} to {KeystoreKinds.All.Spelling(KeystoreKind.SecretService)}, {KeystoreKinds.All.Spelling(KeystoreKind.Pass)} or {KeystoreKinds.All.Spelling(KeystoreKind.File)}");

    public StoredLogin? Find(RegistryHost host)
    {
        var status = items.Find(AddressOf(host), out var entry);
        if (status == KeychainStatus.ItemNotFound)
            return null;
        Require(status, $"read the login for {host}");
        return new StoredLogin(UsernameOf(entry!.Item), entry.Secret);
    }

    public void Save(RegistryHost host, StoredLogin login)
    {
        using var exclusive = writes.Hold();
        var item = new KeychainItem(AddressOf(host), $"{Service}: {host}", login.Username);
        var status = items.Update(item, login.Secret);
        if (status == KeychainStatus.ItemNotFound)
        {
            status = items.Add(item, login.Secret);
            // Another store for the same host added it between the two calls: ours is the newer login.
            if (status == KeychainStatus.DuplicateItem)
                status = items.Update(item, login.Secret);
        }
        Require(status, $"save the login for {host}");
    }

    public bool Remove(RegistryHost host)
    {
        using var exclusive = writes.Hold();
        var status = items.Delete(AddressOf(host));
        if (status == KeychainStatus.ItemNotFound)
            return false;
        Require(status, $"remove the login for {host}");
        return true;
    }

    public IDisposable HoldWrites() => writes.Hold();

    // Find answers the first item in the keychain search list; when two keychains hold the same host, so does this.
    public IReadOnlyDictionary<string, string> Usernames() =>
        AllItems().DistinctBy(item => item.Address.Account).ToDictionary(item => item.Address.Account, UsernameOf);

    public string Check() => $"macOS keychain (default keychain, service {Service}), {AllItems().Count} login(s)";

    private IReadOnlyList<KeychainItem> AllItems()
    {
        var status = items.FindAll(Service, out var found);
        if (status == KeychainStatus.ItemNotFound)
            return [];
        Require(status, "list the saved logins");
        return found;
    }

    private static KeychainAddress AddressOf(RegistryHost host) => new(Service, host.ToString());

    private static string UsernameOf(KeychainItem item) =>
        item.Username ?? throw new HelperException(
            $"the keychain item for {item.Address.Account} has no username, so it was not saved by this helper: " +
            $"delete it (security delete-generic-password -s {Service} -a {item.Address.Account}) and log in again");

    private void Require(int status, string action)
    {
        if (status == KeychainStatus.Success)
            return;
        if (status is KeychainStatus.InteractionNotAllowed or KeychainStatus.AuthFailed)
            throw new HelperException("the keychain is locked: unlock it (security unlock-keychain) and try again");
        var meaning = items.Describe(status)?.ReplaceLineEndings(" ") ?? "no description";
        throw new HelperException(
            $"the macOS keychain could not {action}: {meaning} (OSStatus {status}); check the keychain in Keychain Access, or choose another store with {SettingsTable.Keystore.Variable}");
    }
}
