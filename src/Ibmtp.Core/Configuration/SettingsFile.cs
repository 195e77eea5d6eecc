namespace Ibmtp.Configuration;

/// <summary>
/// The optional JSON config file, as written by the user. Top-level values apply to every host;
/// an entry in <see cref="Hosts"/> overrides them for its host. Hosts are a list, not an object,
/// because configuration keys use ':' as a separator and host names may carry a port.
/// </summary>
public sealed class SettingsFile : ProfileSettings
{
    public string? LogLevel { get; set; }

    /// <summary>Extra <c>host[:port]</c> entries to serve besides the IBM registries (mirrors, test registries).</summary>
    public List<string> Registries { get; set; } = [];

    public List<HostSettings> Hosts { get; set; } = [];

    public string? VpcMetadataUrl { get; set; }

    /// <summary>Seconds allowed for all network calls of one <c>get</c>, retries included.</summary>
    public double? Timeout { get; set; }
}
