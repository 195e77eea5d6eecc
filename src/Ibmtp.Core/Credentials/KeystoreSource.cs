using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Secrets;

namespace Ibmtp.Credentials;

/// <summary>What <c>docker login</c> or <c>podman login</c> saved for the host.</summary>
public sealed class KeystoreSource(Lazy<IKeystore> keystore) : ICredentialSource
{
    public Login? Find(RegistryHost host) =>
        keystore.Value.Find(host) is { } stored ? new Login(stored.Username, stored.Secret, "keystore") : null;

    /// <summary>Storing what the keystore holds changes nothing, so it is stored as usual.</summary>
    public bool Supplies(RegistryHost host, string username, Secret secret) => false;
}
