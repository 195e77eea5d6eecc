using Ibmtp.Platform;
using Microsoft.Extensions.Configuration;

namespace Ibmtp.Configuration;

/// <summary>
/// The environment as a configuration source: each row of <see cref="SettingsTable"/> under its
/// <see cref="Setting.Key"/>, read from its variable or else its fallback variable when the key is
/// asked for, so a call reads only the variables it uses.
/// </summary>
internal sealed class EnvironmentLayer(IEnvironment environment) : ConfigurationProvider, ISettingLayer
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override bool TryGet(string key, out string? value)
    {
        value = SettingsTable.WithKey(key) is { } setting
            ? environment.Get(setting.Variable) ?? (setting.FallbackVariable is { } fallback ? environment.Get(fallback) : null)
            : null;
        return value is not null;
    }

    /// <summary>The variable that holds the value: the setting's own, or the fallback when only that is set.</summary>
    public string Origin(string key)
    {
        var setting = SettingsTable.WithKey(key)!;
        return setting.FallbackVariable is { } fallback && environment.Get(setting.Variable) is null ? fallback : setting.Variable;
    }

    public string Described(string key) => Origin(key);
}
