using Ibmtp.Hosts;
using Ibmtp.Platform;
using Ibmtp.Protocol;

namespace Ibmtp.Configuration;

/// <summary>
/// The settings in force for one call: environment variables first, then the host's entry in the
/// config file, then the file's top-level values.
/// </summary>
public sealed class HelperSettings
{
    private readonly SettingsFile _file;
    private readonly IEnvironment _environment;
    private readonly Dictionary<RegistryHost, HostSettings> _hostEntries = [];

    public HelperSettings(SettingsFile file, IEnvironment environment)
    {
        _file = file;
        _environment = environment;

        var extraHosts = new List<RegistryHost>();
        foreach (var entry in file.Hosts)
        {
            var host = ParseHost(entry.Host, "the config file's hosts list");
            _hostEntries[host] = entry;
            extraHosts.Add(host);
        }
        extraHosts.AddRange(file.Registries.Select(address => ParseHost(address, "the config file's registries list")));
        var fromEnvironment = environment.Get(EnvironmentVariables.Registries) ?? "";
        extraHosts.AddRange(fromEnvironment
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(address => ParseHost(address, EnvironmentVariables.Registries)));
        ServedHosts = new ServedHosts(extraHosts);
    }

    public ServedHosts ServedHosts { get; }

    public string? LogLevel => _environment.Get(EnvironmentVariables.LogLevel) ?? _file.LogLevel;

    public string? ProfileIdFor(RegistryHost host) =>
        _environment.Get(EnvironmentVariables.ProfileId)
        ?? _hostEntries.GetValueOrDefault(host)?.ProfileId
        ?? _file.ProfileId;

    private static RegistryHost ParseHost(string? address, string origin) =>
        RegistryHost.TryParse(address, out var host)
            ? host
            : throw new HelperException($"{origin} has '{address}', which is not a host[:port]");
}
