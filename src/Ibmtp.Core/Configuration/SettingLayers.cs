using Ibmtp.CloudIdentity;
using Ibmtp.Hosts;
using Ibmtp.Platform;
using Microsoft.Extensions.Configuration;

namespace Ibmtp.Configuration;

/// <summary>
/// The places a setting can come from, as the sources of a configuration in the order they are laid
/// over each other: the config file's top level, the host's entry in it, the environment. The last
/// source that has a value decides and tells where it came from; the default in
/// <see cref="SettingsTable"/> stands when none has. Every value is text until a
/// <see cref="SettingParser{T}"/> reads it, so a file value and an environment value are judged alike.
/// </summary>
internal sealed class SettingLayers
{
    private readonly IConfiguration? _file;
    private readonly string? _configFile;
    private readonly EnvironmentLayer _environment;
    private readonly FileLayer? _topLevel;

    public SettingLayers(IEnvironment environment, IConfiguration? file, string? configFile)
    {
        _file = file;
        _configFile = configFile;
        _environment = new EnvironmentLayer(environment);
        _topLevel = file is null ? null : FileLayer.TopLevel(file, configFile!);
        Common = Build(hostEntry: null);
    }

    public string? ConfigFile => _configFile;

    /// <summary>The layers of the settings every host shares.</summary>
    public IConfigurationRoot Common { get; }

    /// <summary>The layers of <paramref name="host"/>'s settings: its hosts entry, if it has one, over the file's top level.</summary>
    public IConfigurationRoot For(RegistryHost host) =>
        HostEntry(host) is { } entry ? Build(FileLayer.Host(entry, _configFile!)) : Common;

    private IConfigurationRoot Build(FileLayer? hostEntry)
    {
        var builder = new ConfigurationBuilder();
        if (_topLevel is not null)
            builder.Add(_topLevel);
        if (hostEntry is not null)
            builder.Add(hostEntry);
        return builder.Add(_environment).Build();
    }

    public SettingValue<T> Resolve<T>(Setting setting, SettingParser<T> parse, IConfigurationRoot layers, string? defaultText = null)
    {
        var key = setting.Key;
        var providers = Providers(layers);
        for (var i = providers.Count - 1; i >= 0; i--)
        {
            if (providers[i].TryGet(key, out var text))
            {
                var layer = (ISettingLayer)providers[i];
                return Parse(parse, text!, layer.Origin(key), layer.Described(key));
            }
        }
        return (defaultText ?? setting.Default) is { } fallback
            ? Parse(parse, fallback, "default", $"the default {setting.Variable}")
            : SettingValue<T>.Valid(default!, "default");
    }

    /// <summary>
    /// The layer that names a profile at all decides which profile it is, so an ID and a name from
    /// different layers never mix; the account of a name follows the usual precedence.
    /// </summary>
    public SettingValue<TrustedProfile?> Profile(IConfigurationRoot layers)
    {
        var account = Resolve<string?>(SettingsTable.AccountId, Text, layers).Value;
        var providers = Providers(layers);
        for (var i = providers.Count - 1; i >= 0; i--)
        {
            if (ProfileFrom(providers[i], account) is var (profile, key))
                return SettingValue<TrustedProfile?>.Valid(profile, ((ISettingLayer)providers[i]).Origin(key));
        }
        return SettingValue<TrustedProfile?>.Valid(null, "default");
    }

    /// <summary>The config file's entry for <paramref name="host"/>, if it has one; of two, the later wins.</summary>
    public HostEntry? HostEntry(RegistryHost host) =>
        HostEntries().LastOrDefault(entry => entry.Parsed == host);

    /// <summary>
    /// Hosts are served by rule (IBM's registries) or by opting in: <c>IBMTP_REGISTRIES</c>, the
    /// file's <c>registries</c> and its <c>hosts</c> entries all add to the list.
    /// </summary>
    public SettingValue<ServedHosts> ServedHosts()
    {
        if (_file?.GetSection("hosts").Value is { } notAList)
            return SettingValue<ServedHosts>.Invalid($"hosts in config file {_configFile} is '{notAList}', not a list of {{\"host\": ...}} entries; fix it", $"config file {_configFile}");
        var extraHosts = new List<RegistryHost>();
        foreach (var entry in HostEntries())
        {
            if (entry.Parsed is not { } host)
                return SettingValue<ServedHosts>.Invalid($"config file {_configFile}: hosts has '{entry.Host}', which is not a host[:port]; fix it", $"config file {_configFile}");
            extraHosts.Add(host);
        }
        foreach (var (address, origin) in RegistryAddresses())
        {
            if (!RegistryHost.TryParse(address, out var host))
                return SettingValue<ServedHosts>.Invalid($"{origin} has '{address}', which is not a host[:port]; fix it", origin);
            extraHosts.Add(host);
        }
        return SettingValue<ServedHosts>.Valid(new ServedHosts(extraHosts), extraHosts.Count == 0 ? "default" : "IBM registries and the hosts opted in");
    }

    /// <summary>The file's list and the environment's add up rather than one replacing the other.</summary>
    private IEnumerable<(string Address, string Origin)> RegistryAddresses()
    {
        var key = SettingsTable.Registries.Key;
        var section = _file?.GetSection(key);
        // A list in JSON, or one comma-separated string as in the environment.
        var fromFile = section?.Value is { } commaSeparated ? SplitList(commaSeparated) : section?.GetChildren().Select(child => child.Value ?? "") ?? [];
        var fromEnvironment = _environment.TryGet(key, out var list) ? SplitList(list!) : [];
        return fromFile.Select(address => (address, $"config file {_configFile}: {key}"))
            .Concat(fromEnvironment.Select(address => (address, _environment.Origin(key))));
    }

    private static string[] SplitList(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private IEnumerable<HostEntry> HostEntries() =>
        _file?.GetSection("hosts").GetChildren().Select(section => new HostEntry(section)) ?? [];

    /// <summary>The configuration's sources, the last laid over the others.</summary>
    private static IList<IConfigurationProvider> Providers(IConfigurationRoot layers) =>
        layers.Providers as IList<IConfigurationProvider> ?? [.. layers.Providers];

    private static SettingValue<T> Parse<T>(SettingParser<T> parse, string text, string origin, string described) =>
        parse(text, out var value) is { } hint
            ? SettingValue<T>.Invalid($"{described} is {Quoted(text)}: {hint}", origin)
            : SettingValue<T>.Valid(value, origin);

    /// <summary>
    /// A value that fails to parse is shown when it is short, as a mistyped word is; a long one may be
    /// a key pasted into the wrong variable, and a URL with user info may carry a password, so of those
    /// only the length is told.
    /// </summary>
    private static string Quoted(string text) =>
        text.Length <= LongestValueShown && !HoldsUserInfo(text) ? $"'{text}'" : $"a {text.Length}-character value";

    private static bool HoldsUserInfo(string text) =>
        text.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 && text.IndexOf('@', scheme) >= 0;

    private const int LongestValueShown = 24;

    /// <summary>The profile one layer names, by ID, CRN or name in that order, with the key that named it.</summary>
    private static (TrustedProfile Profile, string Key)? ProfileFrom(IConfigurationProvider layer, string? account)
    {
        if (layer.TryGet(SettingsTable.ProfileId.Key, out var id))
            return (new TrustedProfile(TrustedProfileKind.Id, id!), SettingsTable.ProfileId.Key);
        if (layer.TryGet(SettingsTable.ProfileCrn.Key, out var crn))
            return (new TrustedProfile(TrustedProfileKind.Crn, crn!), SettingsTable.ProfileCrn.Key);
        if (layer.TryGet(SettingsTable.ProfileName.Key, out var name))
            return (new TrustedProfile(TrustedProfileKind.Name, name!, account), SettingsTable.ProfileName.Key);
        return layer.TryGet(SettingsTable.IbmCloudCrProfile.Key, out var anyShape)
            ? (TrustedProfile.FromShape(anyShape!, account), SettingsTable.IbmCloudCrProfile.Key)
            : null;
    }

    private static string? Text(string text, out string? value)
    {
        value = text;
        return null;
    }
}
