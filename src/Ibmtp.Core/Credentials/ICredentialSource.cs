using Ibmtp.Hosts;
using Ibmtp.Secrets;

namespace Ibmtp.Credentials;

/// <summary>One place credentials may come from. Sources are asked in order; the first answer wins.</summary>
public interface ICredentialSource
{
    /// <summary>A login for <paramref name="host"/>, or null when this source has none.</summary>
    Login? Find(RegistryHost host);

    /// <summary>
    /// Whether this source itself hands out <paramref name="username"/> and <paramref name="secret"/>
    /// for the host, worked out without the network. docker login stores back what get gave it, and a
    /// login the environment supplies must not be copied to disk.
    /// </summary>
    bool Supplies(RegistryHost host, string username, Secret secret);
}
