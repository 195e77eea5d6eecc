namespace Ibmtp.Hosts;

/// <summary>
/// Decides which registries this helper answers for. IBM adds regions every year, so ICR hosts are
/// matched by rule (<c>icr.io</c>, <c>*.icr.io</c>) rather than by a list that would go stale.
/// Everything else must be opted in, because docker treats any answer but "not found" as final.
/// </summary>
public sealed class ServedHosts(IEnumerable<RegistryHost> extraHosts)
{
    private readonly HashSet<RegistryHost> _extraHosts = [.. extraHosts];

    public bool Serves(RegistryHost host) => _extraHosts.Contains(host) || IsIbmRegistry(host);

    /// <summary>Whether <paramref name="address"/> names an IBM registry, which is served whatever the settings say.</summary>
    public static bool IsIbmRegistry(string address) => RegistryHost.TryParse(address, out var host) && IsIbmRegistry(host);

    public static bool IsIbmRegistry(RegistryHost host)
    {
        if (host.Port is not null)
            return false;
        var name = host.Name;
        return name == "icr.io"
            || name.EndsWith(".icr.io", StringComparison.Ordinal)
            || name == "registry.bluemix.net"
            || (name.StartsWith("registry.", StringComparison.Ordinal) && name.EndsWith(".bluemix.net", StringComparison.Ordinal));
    }
}
