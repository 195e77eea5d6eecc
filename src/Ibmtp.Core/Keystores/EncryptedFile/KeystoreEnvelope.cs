using Ibmtp.Files;

namespace Ibmtp.Keystores.EncryptedFile;

/// <summary>
/// The keystore file on disk: everything but the format and key parameters is one AES-256-GCM
/// ciphertext, so even the list of hosts stays private. byte[] values are base64 in JSON.
/// </summary>
internal sealed class KeystoreEnvelope
{
    public const int CurrentFormat = 1;

    public int Format { get; set; }

    /// <summary>Where the key comes from: <see cref="KeySources.Passphrase"/> or <see cref="KeySources.KeyFile"/>.</summary>
    public string KeySource { get; set; } = "";

    public byte[]? Salt { get; set; }

    public int Iterations { get; set; }

    public SealedBox Sealed { get; set; } = new();
}
