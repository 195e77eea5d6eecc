using Ibmtp.ClosedSets;

namespace Ibmtp.Configuration;

/// <summary>Every keystore, as <c>IBMTP_KEYSTORE</c>, <c>keystore migrate</c>, messages and the README spell it.</summary>
public static class KeystoreKinds
{
    private const string File = "file";
    private const string SecretService = "secretservice";
    private const string Pass = "pass";
    private const string Keychain = "keychain";

    /// <summary>Every spelling, as a hint lists them; a constant, so the settings and command tables that quote it cost no start-up work.</summary>
    public const string Choices = $"{File}, {SecretService}, {Pass} or {Keychain}";

    public static readonly SpellingTable<KeystoreKind> All = new(
        new(KeystoreKind.File, File,
            "the helper's AES-256-GCM encrypted file, with its key in a 0600 file beside it or derived from a passphrase"),
        new(KeystoreKind.SecretService, SecretService,
            "the desktop keyring, through the freedesktop Secret Service over D-Bus: GNOME Keyring, KeePassXC, KWallet"),
        new(KeystoreKind.Pass, Pass,
            "the standard Unix password store, encrypted with your GnuPG key"),
        new(KeystoreKind.Keychain, Keychain,
            "the macOS keychain"));

    /// <summary>"IBMTP_KEYSTORE=file": the setting that chooses <paramref name="kind"/>, for messages that point to another store.</summary>
    public static string Assignment(KeystoreKind kind) => $"{SettingsTable.Keystore.Variable}={All.Spelling(kind)}";
}
