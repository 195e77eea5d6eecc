using Ibmtp.Hosts;
using Ibmtp.Keystores;

namespace Ibmtp.Credentials;

/// <summary>What <c>docker login</c> or <c>podman login</c> saved for the host.</summary>
public sealed class KeystoreSource(Lazy<IKeystore> keystore) : ICredentialSource
{
    public Login? Find(RegistryHost host) =>
        keystore.Value.Find(host) is { } stored ? new Login(stored.Username, stored.Secret, "keystore") : null;
}
