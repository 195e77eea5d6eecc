namespace Ibmtp.Keystores.SecretService;

/// <summary>The Secret Service calls the keystore makes, over plain .NET types, so its rules are tested without a D-Bus session.</summary>
public interface ISecretItems
{
    /// <summary>The collection new items go to (the "default" alias, usually "Login"), or null when there is none.</summary>
    SecretCollection? DefaultCollection();

    /// <summary>Items in any collection whose attributes include all of <paramref name="attributes"/>.</summary>
    IReadOnlyList<SecretItem> Search(IReadOnlyDictionary<string, string> attributes, bool withSecrets);

    /// <summary>Creates an item in <paramref name="collection"/>, or replaces the one with exactly these attributes.</summary>
    void Store(SecretCollection collection, IReadOnlyDictionary<string, string> attributes, string label, byte[] secret);

    /// <summary>Deletes every item whose attributes include all of <paramref name="attributes"/>; false when none did.</summary>
    bool Clear(IReadOnlyDictionary<string, string> attributes);
}
