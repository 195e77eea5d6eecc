using Ibmtp.Hosts;

namespace Ibmtp.Testing;

public static class Registry
{
    /// <summary>Parses an address the test knows to be valid.</summary>
    public static RegistryHost Host(string address) =>
        RegistryHost.TryParse(address, out var host) ? host : throw new ArgumentException($"not a host: {address}", nameof(address));
}
