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

    public static bool TryParse(string? address, out RegistryHost host)
    {
        host = default;
        var text = StripSchemeAndPath(address?.Trim() ?? "");
        if (text.Length == 0)
            return false;

        var name = text;
        int? port = null;
        var colon = text.LastIndexOf(':');
        if (colon >= 0 && !text.EndsWith(']'))
        {
            if (!int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out var parsed)
                || parsed is < 1 or > 65535)
                return false;
            name = text[..colon];
            port = parsed == 443 ? null : parsed;
        }

        name = name.TrimEnd('.');
        if (name.Length == 0 || name.StartsWith('.') || name.Contains("..") || !name.All(IsHostCharacter))
            return false;
        host = new RegistryHost(name.ToLowerInvariant(), port);
        return true;
    }

    private static string StripSchemeAndPath(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
            address = address[(schemeEnd + 3)..];
        var pathStart = address.IndexOf('/');
        return pathStart >= 0 ? address[..pathStart] : address;
    }

    private static bool IsHostCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '[' or ']' or ':';
}
