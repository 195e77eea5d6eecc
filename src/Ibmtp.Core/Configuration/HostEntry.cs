using Ibmtp.Hosts;
using Microsoft.Extensions.Configuration;

namespace Ibmtp.Configuration;

/// <summary>One entry of the config file's <c>hosts</c> list; a list because configuration keys use ':', which host names may carry before a port.</summary>
internal sealed class HostEntry(IConfigurationSection section)
{
    public IConfigurationSection Section => section;

    /// <summary>The entry's <c>host</c>, as written.</summary>
    public string? Host => section["host"];

    /// <summary>The entry's host, normalised; null when it is not a host.</summary>
    public RegistryHost? Parsed => RegistryHost.TryParse(Host, out var host) ? host : null;
}
