using Ibmtp.Hosts;
using Ibmtp.Protocol;

namespace Ibmtp.CredentialSources;

/// <summary>One place credentials may come from. Sources are asked in order; the first answer wins.</summary>
public interface ICredentialSource
{
    /// <summary>Shown in the log line of each call, e.g. "environment".</summary>
    string Name { get; }

    /// <summary>Credentials for <paramref name="host"/>, or null when this source has none.</summary>
    Credentials? Find(RegistryHost host, string serverUrl);
}
