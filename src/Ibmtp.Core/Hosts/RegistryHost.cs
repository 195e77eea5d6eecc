namespace Ibmtp.Hosts;

/// <summary>
/// A registry address reduced to the one form every client agrees on: lower-case host, with a port
/// only when it is not the HTTPS default. Clients send <c>us.icr.io</c>, <c>https://us.icr.io/</c>,
/// <c>us.icr.io:443</c> or <c>US.ICR.IO</c> for the same registry.
/// </summary>
public readonly record struct RegistryHost
{
    private RegistryHost(string name, int? port)
    {
        Name = name;
        Port = port;
    }

    /// <summary>The DNS name or IP literal, lower-case, without port.</summary>
    public string Name { get; }

    /// <summary>The port, or null when none was given or it was 443.</summary>
    public int? Port { get; }

    public override string ToString() => Port is null ? Name : $"{Name}:{Port}";

    private static readonly string[] Schemes = ["https://", "http://"];

    public static bool TryParse(string? address, out RegistryHost host)
    {
        host = default;
        var text = StripSchemeAndPath(address?.Trim() ?? "");
        if (text.Length == 0)
            return false;

        var (name, portText) = SplitPort(text);
        int? port = null;
        if (portText is not null)
        {
            // int.TryParse lets trailing NULs through ("443\0"): only ASCII digits are a port.
            if (!portText.All(char.IsAsciiDigit) || !int.TryParse(portText, System.Globalization.NumberStyles.None, null, out var parsed) || parsed is < 1 or > 65535)
                return false;
            port = parsed == 443 ? null : parsed;
        }

        // One trailing dot is the DNS root, an absolute name for the same host; more make no DNS name, and an IPv6 literal has no root.
        if (!IsBracketedIPv6(name))
        {
            name = name.EndsWith('.') ? name[..^1] : name;
            if (!IsHostName(name))
                return false;
        }
        host = new RegistryHost(name.ToLowerInvariant(), port);
        return true;
    }

    private static (string Name, string? Port) SplitPort(string text)
    {
        var colon = text.LastIndexOf(':');
        // A colon inside [...] belongs to an IPv6 literal, not to a port.
        if (colon < 0 || text.LastIndexOf(']') > colon)
            return (text, null);
        return (text[..colon], text[(colon + 1)..]);
    }

    private static bool IsHostName(string name) =>
        name.Length > 0 && !name.StartsWith('.') && !name.EndsWith('.') && !name.Contains("..")
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static bool IsBracketedIPv6(string name) =>
        name.Length > 2 && name[0] == '[' && name[^1] == ']'
        && System.Net.IPAddress.TryParse(name[1..^1], out var address)
        && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    /// <summary>
    /// Only a leading http:// or https:// is taken off, as docker and the containers tools do: in
    /// <c>evil.example/x://us.icr.io</c> or <c>ftp://us.icr.io</c> a client would not find us.icr.io.
    /// </summary>
    private static string StripSchemeAndPath(string address)
    {
        var scheme = Schemes.FirstOrDefault(scheme => address.StartsWith(scheme, StringComparison.OrdinalIgnoreCase));
        if (scheme is not null)
            address = address[scheme.Length..];
        var pathStart = address.IndexOf('/');
        return pathStart >= 0 ? address[..pathStart] : address;
    }
}
