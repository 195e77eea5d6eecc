using Ibmtp.Configuration;
using Ibmtp.Testing;
using Ibmtp.Platform;

namespace Ibmtp.Fuzz.Targets;

/// <summary>
/// The input as the config file. Resolving it fails, if at all, with a HelperException; every
/// resolved setting prints without throwing and throws nothing but a HelperException when used,
/// top-level and per host; and get and list read it and answer within the protocol without
/// touching the keystore.
/// </summary>
public sealed class ConfigTarget : IFuzzTarget
{
    private static readonly string[] Hosts = [FuzzHome.StoredHost, "private.de.icr.io", "registry.example.com:5000"];

    private readonly FuzzHome _home = new();
    private readonly IEnvironment _offline;

    public ConfigTarget()
    {
        // A config that picks vpc mode sends get to the metadata service: here a closed loopback port,
        // with too little time for a retry, so that a call fails in a millisecond instead of waiting
        // out the default 20 s. The file's own values for both are still resolved by CheckSettings.
        _offline = new DictionaryEnvironment(new Dictionary<string, string>(_home.Variables)
        {
            [SettingsTable.VpcMetadataUrl.Variable] = "http://127.0.0.1:1",
            [SettingsTable.Timeout.Variable] = "0.05",
        });
    }

    public void Check(byte[] input)
    {
        _home.Reset();
        FuzzHome.WritePrivate(_home.Paths.DefaultConfigFile, input);
        var stored = _home.Stored();

        CheckSettings();
        HelperCall.Run(_offline, "get", FuzzHome.StoredHost).RequireHandled();
        HelperCall.Run(_offline, "list", "").RequireHandled();

        stored.RequireUnchangedBy(_home.Stored(), "get or list with this config file");
    }

    private void CheckSettings()
    {
        HelperSettings settings;
        try
        {
            settings = SettingsResolver.Resolve(_home.Environment, _home.Paths);
        }
        catch (HelperException)
        {
            return;
        }

        Use(settings.ServedHosts);
        Use(settings.LogLevel);
        Use(settings.Timeout);
        Use(settings.CacheDisabled);
        Use(settings.VpcMetadataUrl);
        foreach (var host in Hosts)
        {
            var hostSettings = settings.For(Registry.Host(host));
            Use(hostSettings.Mode);
            Use(hostSettings.Profile);
            Use(hostSettings.IamUrl);
        }
    }

    /// <summary>Printing must never throw (doctor lists every problem at once); using a bad value throws only its problem.</summary>
    private static void Use<T>(SettingValue<T> setting)
    {
        _ = setting.ToString();
        try
        {
            _ = setting.Value;
        }
        catch (HelperException)
        {
            // The problem, as documented.
        }
    }

    public void Dispose() => _home.Dispose();
}
