using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Ibmtp.Interop.MacOS;
using Ibmtp.Secrets;

namespace Ibmtp.Keystores.Keychain;

/// <summary>
/// Generic password items through SecItemAdd, SecItemCopyMatching, SecItemUpdate and SecItemDelete,
/// in the user's default keychain. The username is kept as UTF-8 in kSecAttrGeneric, an attribute
/// left to the application: it reads back without the secret, so listing never unlocks an item, and
/// Keychain Access offers no field to edit it by mistake.
/// </summary>
[SupportedOSPlatform("macos")]
internal sealed class SecurityFrameworkItems : IKeychainItems
{
    public int Add(KeychainItem item, Secret secret)
    {
        using var attributes = WithContents(Query(item.Address), item, secret);
        return Security.AddItem(attributes.Build(), 0);
    }

    public int Update(KeychainItem item, Secret secret)
    {
        using var query = Query(item.Address);
        using var changes = WithContents(new CFDictionaryBuilder(), item, secret);
        return Security.UpdateItem(query.Build(), changes.Build());
    }

    public int Find(KeychainAddress address, out KeychainEntry? entry)
    {
        using var query = Query(address)
            .Set(Security.ReturnAttributes, CoreFoundation.True)
            .Set(Security.ReturnData, CoreFoundation.True)
            .Set(Security.MatchLimit, Security.MatchLimitOne);
        var status = Security.CopyMatching(query.Build(), out var found);
        using (found)
            entry = status == KeychainStatus.Success ? new KeychainEntry(ItemOf(found.Value), SecretOf(found.Value)) : null;
        return status;
    }

    public int FindAll(string service, out IReadOnlyList<KeychainItem> items)
    {
        using var query = new CFDictionaryBuilder()
            .Set(Security.Class, Security.ClassGenericPassword)
            .Set(Security.AttributeService, service)
            .Set(Security.ReturnAttributes, CoreFoundation.True)
            .Set(Security.MatchLimit, Security.MatchLimitAll);
        var status = Security.CopyMatching(query.Build(), out var found);
        using (found)
        {
            items = status == KeychainStatus.Success
                ? [.. Enumerable.Range(0, (int)CoreFoundation.ArrayGetCount(found.Value)).Select(index => ItemOf(CoreFoundation.ArrayGetValueAtIndex(found.Value, index)))]
                : [];
        }
        return status;
    }

    public int Delete(KeychainAddress address)
    {
        using var query = Query(address);
        return Security.DeleteItem(query.Build());
    }

    public string? Describe(int status)
    {
        using var message = Security.CopyErrorMessage(status, 0);
        return message.IsInvalid ? null : CFValues.ReadString(message.Value);
    }

    private static CFDictionaryBuilder Query(KeychainAddress address) =>
        new CFDictionaryBuilder()
            .Set(Security.Class, Security.ClassGenericPassword)
            .Set(Security.AttributeService, address.Service)
            .Set(Security.AttributeAccount, address.Account);

    private static CFDictionaryBuilder WithContents(CFDictionaryBuilder attributes, KeychainItem item, Secret secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret.Value);
        try
        {
            return attributes
                .Set(Security.AttributeLabel, item.Label)
                .Set(Security.AttributeGeneric, Encoding.UTF8.GetBytes(item.Username ?? ""))
                .Set(Security.ValueData, secretBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretBytes);
        }
    }

    private static KeychainItem ItemOf(nint attributes) =>
        new(
            new KeychainAddress(StringAt(attributes, Security.AttributeService) ?? "", StringAt(attributes, Security.AttributeAccount) ?? ""),
            StringAt(attributes, Security.AttributeLabel) ?? "",
            CFValues.ReadData(CoreFoundation.DictionaryGetValue(attributes, Security.AttributeGeneric)) is { } username ? Encoding.UTF8.GetString(username) : null);

    private static Secret SecretOf(nint attributes)
    {
        var bytes = CFValues.ReadData(CoreFoundation.DictionaryGetValue(attributes, Security.ValueData)) ?? [];
        try
        {
            return new Secret(Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static string? StringAt(nint dictionary, nint key) => CFValues.ReadString(CoreFoundation.DictionaryGetValue(dictionary, key));
}
