namespace Ibmtp.Storage;

internal static class KeySources
{
    public const string Passphrase = "passphrase";
    public const string KeyFile = "keyfile";
}
