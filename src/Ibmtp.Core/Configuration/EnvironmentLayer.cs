using Ibmtp.Platform;
using Microsoft.Extensions.Configuration;

namespace Ibmtp.Configuration;

/// <summary>
/// The environment as a configuration source: each row of <see cref="SettingsTable"/> under its
/// <see cref="Setting.Key"/>, read from its variable when the key is asked for, so a call reads only
/// the variables it uses.
/// </summary>
internal sealed class EnvironmentLayer(IEnvironment environment) : ConfigurationProvider, ISettingLayer
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override bool TryGet(string key, out string? value)
    {
        value = SettingsTable.WithKey(key) is { } setting ? environment.Get(setting.Variable) : null;
        return value is not null;
    }

    public string Origin(string key) => SettingsTable.WithKey(key)!.Variable;

    public string Described(string key) => Origin(key);
}
