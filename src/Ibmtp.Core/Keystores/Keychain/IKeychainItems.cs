using Ibmtp.Secrets;

namespace Ibmtp.Keystores.Keychain;

/// <summary>
/// The keychain's generic password items, as the Security framework's SecItem calls reach them. Each
/// call answers with their OSStatus (<see cref="KeychainStatus"/>) and leaves its meaning to the caller.
/// </summary>
public interface IKeychainItems
{
    /// <summary>Adds a new item; <see cref="KeychainStatus.DuplicateItem"/> when its address is taken.</summary>
    int Add(KeychainItem item, Secret secret);

    /// <summary>Replaces the label, username and secret of the item at <paramref name="item"/>'s address.</summary>
    int Update(KeychainItem item, Secret secret);

    /// <summary>The item at that address with its secret; <paramref name="entry"/> is set when the status is success.</summary>
    int Find(KeychainAddress address, out KeychainEntry? entry);

    /// <summary>The attributes, never the secrets, of every item of <paramref name="service"/>.</summary>
    int FindAll(string service, out IReadOnlyList<KeychainItem> items);

    int Delete(KeychainAddress address);

    /// <summary>What the system says a status means (SecCopyErrorMessageString), or null when it has no text.</summary>
    string? Describe(int status);
}
