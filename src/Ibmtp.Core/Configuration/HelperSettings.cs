using System.Globalization;
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
    public const string PublicIamUrl = "https://iam.cloud.ibm.com";
    public const string PrivateIamUrl = "https://private.iam.cloud.ibm.com";
    public const string DefaultVpcMetadataUrl = "http://169.254.169.254";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private const double LongestTimeoutSeconds = 3600;

    private readonly SettingsFile _file;
    private readonly IEnvironment _environment;
    private readonly Dictionary<RegistryHost, HostSettings> _hostEntries = [];

    /// <param name="configFile">Where <paramref name="file"/> was read from, for error messages.</param>
    public HelperSettings(SettingsFile file, string configFile, IEnvironment environment)
    {
        _file = file;
        _environment = environment;

        var extraHosts = new List<RegistryHost>();
        foreach (var entry in file.Hosts)
        {
            var host = ParseHost(entry.Host, $"config file {configFile}: hosts");
            _hostEntries[host] = entry;
            extraHosts.Add(host);
        }
        extraHosts.AddRange(file.Registries.Select(address => ParseHost(address, $"config file {configFile}: registries")));
        var fromEnvironment = environment.Get(EnvironmentVariables.Registries) ?? "";
        extraHosts.AddRange(fromEnvironment
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(address => ParseHost(address, EnvironmentVariables.Registries)));
        ServedHosts = new ServedHosts(extraHosts);
    }

    public ServedHosts ServedHosts { get; }

    public string? LogLevel => _environment.Get(EnvironmentVariables.LogLevel) ?? _file.LogLevel;

    public string VpcMetadataUrl =>
        _environment.Get(EnvironmentVariables.VpcMetadataUrl) ?? _file.VpcMetadataUrl ?? DefaultVpcMetadataUrl;

    public bool CacheEnabled => _environment.Get(EnvironmentVariables.NoCache) is not ("1" or "true" or "yes");

    public TimeSpan Timeout
    {
        get
        {
            if (_environment.Get(EnvironmentVariables.Timeout) is not { } text)
                return _file.Timeout is > 0 and <= LongestTimeoutSeconds ? TimeSpan.FromSeconds(_file.Timeout.Value) : DefaultTimeout;
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= LongestTimeoutSeconds
                ? TimeSpan.FromSeconds(seconds)
                : throw new HelperException($"{EnvironmentVariables.Timeout} is '{text}': give a number of seconds up to {LongestTimeoutSeconds}, such as 20");
        }
    }

    public HostConfiguration For(RegistryHost host)
    {
        var entry = _hostEntries.GetValueOrDefault(host);
        var mode = _environment.Get(EnvironmentVariables.Mode) is { } fromEnvironment
            ? CredentialModes.Parse(fromEnvironment, EnvironmentVariables.Mode)
            : CredentialModes.Parse(entry?.Mode ?? _file.Mode, "mode in the config file");
        var iamUrl = _environment.Get(EnvironmentVariables.IamUrl) ?? entry?.IamUrl ?? _file.IamUrl ?? DefaultIamUrl(host);
        return new HostConfiguration(mode, ProfileFor(entry), iamUrl.TrimEnd('/'));
    }

    /// <summary>
    /// The layer that names a profile at all decides which profile it is, so an ID and a name from
    /// different layers never mix; the account of a name follows the usual precedence.
    /// </summary>
    private TrustedProfile? ProfileFor(HostSettings? entry)
    {
        var account = _environment.Get(EnvironmentVariables.AccountId) ?? entry?.AccountId ?? _file.AccountId;
        return ProfileFromEnvironment(account) ?? ProfileFrom(entry, account) ?? ProfileFrom(_file, account);
    }

    private TrustedProfile? ProfileFromEnvironment(string? account)
    {
        if (_environment.Get(EnvironmentVariables.ProfileId) is { } id)
            return new TrustedProfile(TrustedProfileKind.Id, id);
        if (_environment.Get(EnvironmentVariables.ProfileCrn) is { } crn)
            return new TrustedProfile(TrustedProfileKind.Crn, crn);
        if (_environment.Get(EnvironmentVariables.ProfileName) is { } name)
            return new TrustedProfile(TrustedProfileKind.Name, name, account);
        return _environment.Get(EnvironmentVariables.IbmCloudCrProfile) is { } anyShape
            ? TrustedProfile.FromShape(anyShape, account)
            : null;
    }

    private static TrustedProfile? ProfileFrom(ProfileSettings? settings, string? account)
    {
        if (settings?.ProfileId is { Length: > 0 } id)
            return new TrustedProfile(TrustedProfileKind.Id, id);
        if (settings?.ProfileCrn is { Length: > 0 } crn)
            return new TrustedProfile(TrustedProfileKind.Crn, crn);
        return settings?.ProfileName is { Length: > 0 } name ? new TrustedProfile(TrustedProfileKind.Name, name, account) : null;
    }

    /// <summary>Private-network registries cannot reach the public IAM endpoint.</summary>
    private static string DefaultIamUrl(RegistryHost host) =>
        host.Name.StartsWith("private.", StringComparison.Ordinal) ? PrivateIamUrl : PublicIamUrl;

    private static RegistryHost ParseHost(string? address, string origin) =>
        RegistryHost.TryParse(address, out var host)
            ? host
            : throw new HelperException($"{origin} has '{address}', which is not a host[:port]; fix it");
}
