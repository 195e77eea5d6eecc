using Microsoft.Extensions.Configuration;

namespace Ibmtp.Configuration;

/// <summary>
/// The config file's top level, or one of its <c>hosts</c> entries, as a configuration source. It
/// answers only for settings the file may hold, and an empty value is no value.
/// </summary>
internal sealed class FileLayer : ConfigurationProvider, ISettingLayer
{
    private readonly IConfiguration _values;
    private readonly string _origin;
    private readonly string _where;

    private FileLayer(IConfiguration values, string origin, string where)
    {
        _values = values;
        _origin = origin;
        _where = where;
    }

    public static FileLayer TopLevel(IConfiguration file, string configFile) =>
        new(file, $"config file {configFile}", $"in config file {configFile}");

    public static FileLayer Host(HostEntry entry, string configFile) =>
        new(entry.Section, $"config file {configFile} (hosts entry {entry.Host})", $"of the hosts entry {entry.Host} in config file {configFile}");

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override bool TryGet(string key, out string? value)
    {
        value = SettingsTable.WithKey(key)?.FileKey is not null && _values[key] is { Length: > 0 } text ? text : null;
        return value is not null;
    }

    public string Origin(string key) => _origin;

    public string Described(string key) => $"{key} {_where}";
}
