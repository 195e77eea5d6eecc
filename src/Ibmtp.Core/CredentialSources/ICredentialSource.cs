using Ibmtp.Hosts;

namespace Ibmtp.CredentialSources;

/// <summary>One place credentials may come from. Sources are asked in order; the first answer wins.</summary>
public interface ICredentialSource
{
    /// <summary>Credentials for <paramref name="host"/>, or null when this source has none.</summary>
    FoundCredentials? Find(RegistryHost host, string serverUrl);
}
