namespace Ibmtp.Configuration;

/// <summary>Where <c>store</c> keeps logins and <c>get</c> reads them.</summary>
public enum KeystoreKind
{
    /// <summary>Our AES-256-GCM encrypted file, with its key in a 0600 file beside it or from a passphrase.</summary>
    File,

    /// <summary>The desktop keyring, through the freedesktop Secret Service (GNOME Keyring, KeePassXC, KWallet).</summary>
    SecretService,

    /// <summary>The standard Unix password store, <c>pass</c>, encrypted with the user's GnuPG key.</summary>
    Pass,

    /// <summary>The macOS keychain.</summary>
    Keychain,
}
