namespace Ibmtp.Keystores.EncryptedFile;

/// <summary>The decrypted part of the keystore: normalised host -> login.</summary>
internal sealed class KeystoreContents
{
    public SortedDictionary<string, StoredLogin> Entries { get; set; } = new(StringComparer.Ordinal);
}
