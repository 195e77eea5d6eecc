using System.Globalization;
using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;

namespace Ibmtp.Iam;

/// <summary>
/// The identity calls of one metadata service: where they are, the API version they ask for, and what
/// to check when the service refuses the first of them, the call a wrong path or version fails.
/// </summary>
/// <param name="NameRefusal">Why these calls cannot take a trusted profile by name, and what to set instead; null when they can.</param>
public sealed record MetadataIdentityApi(string ServiceName, string TokenPath, string IamTokenPath, string? Version, string PathHint, string? NameRefusal = null)
{
    /// <summary>From this VPC API version on, the identity calls are <c>/identity/v1/*</c> and <c>/instance_identity/v1/*</c> is refused.</summary>
    public static DateOnly IdentityPathsVersion => new(2025, 8, 26);

    /// <summary>The version the old paths are asked in when a user steps back from the default.</summary>
    private const string InstanceIdentityVersion = "2022-03-01";

    private const string VpcServiceName = "the VPC metadata service";

    /// <summary>The VPC metadata service in <paramref name="version"/>, which picks the paths as IBM's SDKs do.</summary>
    public static MetadataIdentityApi Vpc(DateOnly version)
    {
        var versionText = version.ToString(SettingParsers.ApiVersionFormat, CultureInfo.InvariantCulture);
        var setting = SettingsTable.VpcMetadataVersion.Variable;
        return version >= IdentityPathsVersion
            ? new(VpcServiceName, "identity/v1/token", "identity/v1/iam_tokens", versionText,
                $"a metadata service that does not offer API version {versionText} yet refuses the /identity/v1 calls: on a virtual server, set {setting}={InstanceIdentityVersion} for the /instance_identity/v1 calls")
            : new(VpcServiceName, "instance_identity/v1/token", "instance_identity/v1/iam_token", versionText,
                $"{setting} is {versionText}, whose /instance_identity/v1 calls bare metal servers refuse: unset {setting} or set it to {SettingsTable.VpcMetadataVersion.Default} or later",
                $"{setting} is {versionText}, whose /instance_identity/v1/iam_token call takes no trusted profile name: set {setting} to {SettingsTable.VpcMetadataVersion.Default} or later, " +
                $"or name the profile by ID or CRN ({SettingsTable.ProfileId.Variable} or {SettingsTable.ProfileCrn.Variable})");
    }

    /// <summary><paramref name="profile"/>, when these calls can name it; checked before any call is made.</summary>
    public TrustedProfile? Taking(TrustedProfile? profile) =>
        profile is { Kind: TrustedProfileKind.Name } && NameRefusal is { } refusal ? throw new HelperException(refusal) : profile;

    /// <summary>The Power Virtual Server metadata service, whose identity calls take no version.</summary>
    public static MetadataIdentityApi PowerVs() => new(
        "the PowerVS metadata service", "identity/v1/token", "identity/v1/iam_tokens", null,
        $"check {SettingsTable.PowerVsMetadataUrl.Variable}: it names the Power Virtual Server metadata service, {SettingsTable.PowerVsMetadataUrl.Default} by default");
}
