namespace Ibmtp.Keystores.EncryptedFile;

internal static class KeySources
{
    public const string Passphrase = "passphrase";
    public const string KeyFile = "keyfile";
}
