using Ibmtp.CloudIdentity;
using Ibmtp.Hosts;
using Ibmtp.Platform;
using Microsoft.Extensions.Configuration;

namespace Ibmtp.Configuration;

/// <summary>
/// The places a setting can come from, in order: the environment, the host's entry in the config
/// file, the file's top level, the default in <see cref="SettingsTable"/>. Every value is text until
/// a <see cref="SettingParser{T}"/> reads it, so a file value and an environment value are judged alike.
/// </summary>
internal sealed class SettingLayers(IEnvironment environment, IConfiguration? file, string? configFile)
{
    public string? ConfigFile => configFile;

    public SettingValue<T> Resolve<T>(Setting setting, SettingParser<T> parse, HostEntry? hostEntry = null, string? defaultText = null)
    {
        if (FromEnvironment(setting) is var (variable, text))
            return Parse(setting, parse, text, variable, variable);
        if (setting.FileKey is { } key)
        {
            if (hostEntry?.Section[key] is { Length: > 0 } fromHost)
                return Parse(setting, parse, fromHost, $"config file {configFile} (hosts entry {hostEntry.Host})", $"{key} of the hosts entry {hostEntry.Host} in config file {configFile}");
            if (file?[key] is { Length: > 0 } fromFile)
                return Parse(setting, parse, fromFile, $"config file {configFile}", $"{key} in config file {configFile}");
        }
        return (defaultText ?? setting.Default) is { } fallback
            ? Parse(setting, parse, fallback, "default", $"the default {setting.Variable}")
            : SettingValue<T>.Valid(default!, "default");
    }

    /// <summary>
    /// The layer that names a profile at all decides which profile it is, so an ID and a name from
    /// different layers never mix; the account of a name follows the usual precedence.
    /// </summary>
    public SettingValue<TrustedProfile?> Profile(HostEntry? hostEntry)
    {
        var account = Resolve<string?>(SettingsTable.AccountId, Text, hostEntry).Value;
        if (ProfileFromEnvironment(account) is { } fromEnvironment)
            return fromEnvironment;
        if (hostEntry is not null && ProfileFrom(hostEntry.Section, account) is { } fromHost)
            return SettingValue<TrustedProfile?>.Valid(fromHost, $"config file {configFile} (hosts entry {hostEntry.Host})");
        return file is not null && ProfileFrom(file, account) is { } fromFile
            ? SettingValue<TrustedProfile?>.Valid(fromFile, $"config file {configFile}")
            : SettingValue<TrustedProfile?>.Valid(null, "default");
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
        if (file?.GetSection("hosts").Value is { } notAList)
            return SettingValue<ServedHosts>.Invalid($"hosts in config file {configFile} is '{notAList}', not a list of {{\"host\": ...}} entries; fix it", $"config file {configFile}");
        var extraHosts = new List<RegistryHost>();
        foreach (var entry in HostEntries())
        {
            if (entry.Parsed is not { } host)
                return SettingValue<ServedHosts>.Invalid($"config file {configFile}: hosts has '{entry.Host}', which is not a host[:port]; fix it", $"config file {configFile}");
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

    private IEnumerable<(string Address, string Origin)> RegistryAddresses()
    {
        var key = SettingsTable.Registries.FileKey!;
        var section = file?.GetSection(key);
        // A list in JSON, or one comma-separated string as in the environment.
        var fromFile = section?.Value is { } commaSeparated ? SplitList(commaSeparated) : section?.GetChildren().Select(child => child.Value ?? "") ?? [];
        var fromEnvironment = SplitList(environment.Get(SettingsTable.Registries.Variable) ?? "");
        return fromFile.Select(address => (address, $"config file {configFile}: {key}"))
            .Concat(fromEnvironment.Select(address => (address, SettingsTable.Registries.Variable)));
    }

    private static IEnumerable<string> SplitList(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private IEnumerable<HostEntry> HostEntries() =>
        file?.GetSection("hosts").GetChildren().Select(section => new HostEntry(section)) ?? [];

    private (string Variable, string Text)? FromEnvironment(Setting setting)
    {
        if (environment.Get(setting.Variable) is { } text)
            return (setting.Variable, text);
        return setting.FallbackVariable is { } fallback && environment.Get(fallback) is { } fallbackText ? (fallback, fallbackText) : null;
    }

    private static SettingValue<T> Parse<T>(Setting setting, SettingParser<T> parse, string text, string origin, string described) =>
        parse(text, out var value) is { } hint
            ? SettingValue<T>.Invalid($"{described} is {Quoted(text)}: {hint}", origin)
            : SettingValue<T>.Valid(value, origin);

    /// <summary>
    /// A value that fails to parse is shown when it is short, as a mistyped word is; a long one may be
    /// a key pasted into the wrong variable, so only its length is told.
    /// </summary>
    private static string Quoted(string text) => text.Length <= LongestValueShown ? $"'{text}'" : $"a {text.Length}-character value";

    private const int LongestValueShown = 24;

    private SettingValue<TrustedProfile?>? ProfileFromEnvironment(string? account)
    {
        if (environment.Get(SettingsTable.ProfileId.Variable) is { } id)
            return SettingValue<TrustedProfile?>.Valid(new TrustedProfile(TrustedProfileKind.Id, id), SettingsTable.ProfileId.Variable);
        if (environment.Get(SettingsTable.ProfileCrn.Variable) is { } crn)
            return SettingValue<TrustedProfile?>.Valid(new TrustedProfile(TrustedProfileKind.Crn, crn), SettingsTable.ProfileCrn.Variable);
        if (environment.Get(SettingsTable.ProfileName.Variable) is { } name)
            return SettingValue<TrustedProfile?>.Valid(new TrustedProfile(TrustedProfileKind.Name, name, account), SettingsTable.ProfileName.Variable);
        return environment.Get(SettingsTable.IbmCloudCrProfile.Variable) is { } anyShape
            ? SettingValue<TrustedProfile?>.Valid(TrustedProfile.FromShape(anyShape, account), SettingsTable.IbmCloudCrProfile.Variable)
            : null;
    }

    private static TrustedProfile? ProfileFrom(IConfiguration layer, string? account)
    {
        if (layer[SettingsTable.ProfileId.FileKey!] is { Length: > 0 } id)
            return new TrustedProfile(TrustedProfileKind.Id, id);
        if (layer[SettingsTable.ProfileCrn.FileKey!] is { Length: > 0 } crn)
            return new TrustedProfile(TrustedProfileKind.Crn, crn);
        return layer[SettingsTable.ProfileName.FileKey!] is { Length: > 0 } name ? new TrustedProfile(TrustedProfileKind.Name, name, account) : null;
    }

    private static string? Text(string text, out string? value)
    {
        value = text;
        return null;
    }
}
