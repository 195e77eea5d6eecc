using Ibmtp.Hosts;
using Ibmtp.Protocol;
using Ibmtp.Storage;

namespace Ibmtp.CredentialSources;

/// <summary>What <c>docker login</c> or <c>podman login</c> saved for the host.</summary>
public sealed class KeystoreSource(Lazy<IKeystore> keystore) : ICredentialSource
{
    public FoundCredentials? Find(RegistryHost host, string serverUrl) =>
        keystore.Value.Find(host) is { } login
            ? new FoundCredentials(new Credentials(serverUrl, login.Username, login.Secret), "keystore")
            : null;
}
