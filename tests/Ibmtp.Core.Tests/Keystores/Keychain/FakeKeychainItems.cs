using Ibmtp.Keystores.Keychain;
using Ibmtp.Secrets;

namespace Ibmtp.Tests.Keystores.Keychain;

/// <summary>
/// A keychain in memory that answers as the Security framework does (duplicate on a second add, not
/// found for a missing item), records every call, and can be told to answer one operation with a status.
/// </summary>
public sealed class FakeKeychainItems : IKeychainItems
{
    private readonly Dictionary<KeychainAddress, KeychainEntry> _entries = [];

    /// <summary>Each call: the operation's name and the address or service it was given.</summary>
    public List<(string Operation, string Service, string? Account)> Calls { get; } = [];

    /// <summary>The items written by Add and Update, in order.</summary>
    public List<KeychainItem> Written { get; } = [];

    /// <summary>A status to answer instead of acting, by operation name ("Add", "Update", "Find", "FindAll", "Delete").</summary>
    public Dictionary<string, int> Failures { get; } = [];

    /// <summary>Runs just before an Add acts, as another process would between two calls.</summary>
    public Action? BeforeAdd { get; set; }

    public string? Description { get; set; }

    public KeychainEntry? this[KeychainAddress address] => _entries.GetValueOrDefault(address);

    public void Put(KeychainItem item, Secret secret) => _entries[item.Address] = new KeychainEntry(item, secret);

    public int Add(KeychainItem item, Secret secret)
    {
        BeforeAdd?.Invoke();
        return Act("Add", item.Address, () =>
        {
            if (!_entries.TryAdd(item.Address, new KeychainEntry(item, secret)))
                return KeychainStatus.DuplicateItem;
            Written.Add(item);
            return KeychainStatus.Success;
        });
    }

    public int Update(KeychainItem item, Secret secret) =>
        Act("Update", item.Address, () =>
        {
            if (!_entries.ContainsKey(item.Address))
                return KeychainStatus.ItemNotFound;
            Put(item, secret);
            Written.Add(item);
            return KeychainStatus.Success;
        });

    public int Find(KeychainAddress address, out KeychainEntry? entry)
    {
        var found = _entries.GetValueOrDefault(address);
        entry = null;
        var status = Act("Find", address, () => found is null ? KeychainStatus.ItemNotFound : KeychainStatus.Success);
        if (status == KeychainStatus.Success)
            entry = found;
        return status;
    }

    public int FindAll(string service, out IReadOnlyList<KeychainItem> items)
    {
        var found = _entries.Values.Select(entry => entry.Item).Where(item => item.Address.Service == service).ToList();
        items = [];
        Calls.Add(("FindAll", service, null));
        if (Failures.TryGetValue("FindAll", out var failure))
            return failure;
        if (found.Count == 0)
            return KeychainStatus.ItemNotFound;
        items = found;
        return KeychainStatus.Success;
    }

    public int Delete(KeychainAddress address) =>
        Act("Delete", address, () => _entries.Remove(address) ? KeychainStatus.Success : KeychainStatus.ItemNotFound);

    public string? Describe(int status) => Description;

    private int Act(string operation, KeychainAddress address, Func<int> action)
    {
        Calls.Add((operation, address.Service, address.Account));
        return Failures.TryGetValue(operation, out var failure) ? failure : action();
    }
}
