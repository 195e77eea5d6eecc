namespace Ibmtp.Configuration;

/// <summary>Where <c>store</c> keeps logins and <c>get</c> reads them; <see cref="KeystoreKinds"/> spells and explains each.</summary>
public enum KeystoreKind
{
    File,
    SecretService,
    Pass,
    Keychain,
}
