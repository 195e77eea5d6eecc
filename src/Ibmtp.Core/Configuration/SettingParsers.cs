using System.Globalization;
using Ibmtp.CloudIdentity;

namespace Ibmtp.Configuration;

/// <summary>Reads a setting's text as its type; returns null when it is fine, else how to fix it.</summary>
internal delegate string? SettingParser<T>(string text, out T value);

/// <summary>How each kind of setting is read. Environment and config file values go through the same parser.</summary>
internal static class SettingParsers
{
    private const double LongestTimeoutSeconds = 3600;

    /// <summary>How the VPC APIs spell a version date.</summary>
    public const string ApiVersionFormat = "yyyy-MM-dd";

    /// <summary>The first version of the metadata service with the instance identity calls.</summary>
    private static readonly DateOnly FirstInstanceIdentityVersion = new(2022, 3, 1);

    public static string? Mode(string text, out CredentialMode mode) =>
        CredentialModes.All.TryParse(text, out mode) ? null : $"use {CredentialModes.Choices}";

    public static string? Keystore(string text, out KeystoreKind kind) =>
        KeystoreKinds.All.TryParse(text, out kind) ? null : $"use {KeystoreKinds.Choices}";

    public static string? LogLevel(string text, out LogLevel level)
    {
        (var known, level) = text.Trim().ToLowerInvariant() switch
        {
            "off" or "none" => (true, Configuration.LogLevel.Off),
            "error" => (true, Configuration.LogLevel.Error),
            "warning" or "warn" => (true, Configuration.LogLevel.Warning),
            "information" or "info" => (true, Configuration.LogLevel.Information),
            "debug" => (true, Configuration.LogLevel.Debug),
            _ => (false, default),
        };
        return known ? null : "use off, error, warning, information or debug";
    }

    public static string? Timeout(string text, out TimeSpan timeout)
    {
        var valid = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= LongestTimeoutSeconds;
        timeout = valid ? TimeSpan.FromSeconds(seconds) : default;
        return valid ? null : $"give a number of seconds up to {LongestTimeoutSeconds}, such as 20";
    }

    /// <summary>How long the kubelet may keep an answer: Go's syntax, from 0s (keep nothing) to a day.</summary>
    public static string? KubeletCacheDuration(string text, out TimeSpan duration)
    {
        var valid = GoDuration.TryParse(text, out duration) && duration <= TimeSpan.FromDays(1);
        return valid ? null : "give a Go duration up to 24h, such as 1h0m0s, 45m or 0s";
    }

    /// <summary>Exactly "1", "true" or "yes" turn a switch on; anything else leaves it off.</summary>
    public static string? Switch(string text, out bool on)
    {
        on = text is "1" or "true" or "yes";
        return null;
    }

    /// <summary>An endpoint the helper sends credentials to: https, or http on loopback only.</summary>
    public static string? SecureUrl(string text, out Uri url) => EndpointPolicy.Check(text.Trim().TrimEnd('/'), out url);

    /// <summary>A VPC API version: a date, as the <c>version</c> query parameter takes it, no older than the instance identity calls.</summary>
    public static string? ApiVersionDate(string text, out DateOnly date)
    {
        var valid = DateOnly.TryParseExact(text.Trim(), ApiVersionFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && date >= FirstInstanceIdentityVersion;
        return valid ? null : $"give a date YYYY-MM-DD from {FirstInstanceIdentityVersion.ToString(ApiVersionFormat, CultureInfo.InvariantCulture)} on, such as {SettingsTable.VpcMetadataVersion.Default}";
    }

    /// <summary>IAM's address, a secure one; given as the token operation's own address, it is cut back to IAM's.</summary>
    public static string? IamUrl(string text, out Uri url) => SecureUrl(IamTokenOperation.BaseUrl(text.Trim()), out url);

    /// <summary>A machine's metadata service: https, or http on loopback or the link-local address a VPC instance reaches it at.</summary>
    public static string? MetadataUrl(string text, out Uri url) => EndpointPolicy.CheckOnLink(text.Trim().TrimEnd('/'), out url);
}
