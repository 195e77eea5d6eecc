using Ibmtp.CloudIdentity;
using Ibmtp.Hosts;

namespace Ibmtp.Configuration;

/// <summary>
/// The settings in force for one call, resolved once and then fixed, typed and validated the same way
/// whether they came from the environment or the config file: environment variables first, then the
/// host's entry in the config file, then the file's top-level values, then the defaults. A host's own
/// settings are derived from the same layers when a call asks for that host.
/// </summary>
public sealed class HelperSettings
{
    /// <summary>Private-network registries cannot reach the public IAM endpoint, the default for the rest.</summary>
    public const string PrivateIamUrl = "https://private.iam.cloud.ibm.com";

    private readonly SettingLayers _layers;

    // Only vpc mode needs it, and a URL costs every other call its parser's start-up.
    private readonly Lazy<SettingValue<Uri>> _vpcMetadataUrl;

    // Only vpc mode needs it; resolved on first use, so no other call pays for it.
    private SettingValue<DateOnly>? _vpcMetadataVersion;

    // Only powervs mode needs it.
    private SettingValue<Uri>? _powerVsMetadataUrl;

    // Only calls that open the keystore need it.
    private readonly Lazy<SettingValue<KeystoreKind>> _keystore;

    // Only the kubelet front end needs it.
    private readonly Lazy<SettingValue<TimeSpan>> _kubeletCacheDuration;

    internal HelperSettings(SettingLayers layers)
    {
        _layers = layers;
        ServedHosts = layers.ServedHosts();
        LogLevel = layers.Resolve<LogLevel>(SettingsTable.LogLevel, SettingParsers.LogLevel, layers.Common);
        Timeout = layers.Resolve<TimeSpan>(SettingsTable.Timeout, SettingParsers.Timeout, layers.Common);
        CacheDisabled = layers.Resolve<bool>(SettingsTable.NoCache, SettingParsers.Switch, layers.Common);
        _vpcMetadataUrl = new(() => layers.Resolve<Uri>(SettingsTable.VpcMetadataUrl, SettingParsers.MetadataUrl, layers.Common));
        _keystore = new(() => layers.Resolve<KeystoreKind>(SettingsTable.Keystore, SettingParsers.Keystore, layers.Common));
        _kubeletCacheDuration = new(() => layers.Resolve<TimeSpan>(SettingsTable.KubeletCacheDuration, SettingParsers.KubeletCacheDuration, layers.Common));
    }

    /// <summary>The config file that was read, or null when there is none.</summary>
    public string? ConfigFile => _layers.ConfigFile;

    /// <summary>The IBM registries and every host opted in by <c>registries</c> or a <c>hosts</c> entry.</summary>
    public SettingValue<ServedHosts> ServedHosts { get; }

    public SettingValue<LogLevel> LogLevel { get; }

    /// <summary>The time allowed for all network calls of one `get`, retries included.</summary>
    public SettingValue<TimeSpan> Timeout { get; }

    public SettingValue<bool> CacheDisabled { get; }

    public SettingValue<Uri> VpcMetadataUrl => _vpcMetadataUrl.Value;

    /// <summary>The VPC metadata API version the helper asks for, which also picks the calls' paths.</summary>
    public SettingValue<DateOnly> VpcMetadataVersion =>
        _vpcMetadataVersion ??= _layers.Resolve<DateOnly>(SettingsTable.VpcMetadataVersion, SettingParsers.ApiVersionDate, _layers.Common);

    public SettingValue<Uri> PowerVsMetadataUrl =>
        _powerVsMetadataUrl ??= _layers.Resolve<Uri>(SettingsTable.PowerVsMetadataUrl, SettingParsers.SecureUrl, _layers.Common);

    /// <summary>Where logins are kept: our encrypted file unless the user chose another store.</summary>
    public SettingValue<KeystoreKind> Keystore => _keystore.Value;

    /// <summary>How long the kubelet may keep a login that is not a token (an API key passed through).</summary>
    public SettingValue<TimeSpan> KubeletCacheDuration => _kubeletCacheDuration.Value;

    /// <summary>How to log in to <paramref name="host"/>.</summary>
    public HostSettings For(RegistryHost host)
    {
        var layers = _layers.For(host);
        return new HostSettings(
            _layers.Resolve<CredentialMode>(SettingsTable.Mode, SettingParsers.Mode, layers),
            _layers.Profile(layers),
            () => _layers.Resolve<Uri>(SettingsTable.IamUrl, SettingParsers.IamUrl, layers, DefaultIamUrl(host)));
    }

    private static string? DefaultIamUrl(RegistryHost host) =>
        host.Name.StartsWith("private.", StringComparison.Ordinal) ? PrivateIamUrl : SettingsTable.IamUrl.Default;
}
