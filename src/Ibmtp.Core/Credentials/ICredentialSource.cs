using Ibmtp.Hosts;

namespace Ibmtp.Credentials;

/// <summary>One place credentials may come from. Sources are asked in order; the first answer wins.</summary>
public interface ICredentialSource
{
    /// <summary>A login for <paramref name="host"/>, or null when this source has none.</summary>
    Login? Find(RegistryHost host);
}
