using Ibmtp.CloudIdentity;

namespace Ibmtp.Configuration;

/// <summary>Every setting the helper reads. Users' scripts and config files depend on these names.</summary>
public static class SettingsTable
{
    public static readonly Setting ApiKey = new("IBMTP_API_KEY", "IBMCLOUD_API_KEY", null, null,
        "API key, or @/path/to/file (content trimmed)");

    public static readonly Setting ProfileId = new("IBMTP_PROFILE_ID", null, "profileId", null,
        "trusted profile ID (Profile-...)");

    public static readonly Setting ProfileCrn = new("IBMTP_PROFILE_CRN", null, "profileCrn", null,
        "trusted profile CRN");

    public static readonly Setting ProfileName = new("IBMTP_PROFILE_NAME", null, "profileName", null,
        "trusted profile name; the assume grant (token mode, or auto with an API key) looks it up in the account IBMTP_ACCOUNT_ID, every other mode in the compute resource's own account");

    public static readonly Setting AccountId = new("IBMTP_ACCOUNT_ID", null, "accountId", null,
        "the account of a trusted profile named by name, sent only with the assume grant (token mode, or auto with an API key)");

    public static readonly Setting IbmCloudCrProfile = new("IBMCLOUD_CR_PROFILE", null, null, null,
        "profile ID, CRN or name, told apart by shape (as the IBM Cloud CLI does)");

    public static readonly Setting Mode = new("IBMTP_MODE", null, "mode", "auto",
        CredentialModes.Choices);

    public static readonly Setting CrToken = new("IBMTP_CR_TOKEN", "IBMCLOUD_CR_TOKEN", null, null,
        "compute-resource token, or @/path/to/file");

    public static readonly Setting IamUrl = new("IBMTP_IAM_URL", null, "iamUrl", "https://iam.cloud.ibm.com",
        "IAM endpoint (its /identity/token address is cut back to it, as IBM's SDKs do); https://private.iam.cloud.ibm.com by default for private.*.icr.io; https only (http for loopback)");

    public static readonly Setting VpcMetadataUrl = new("IBMTP_VPC_METADATA_URL", null, "vpcMetadataUrl", "http://169.254.169.254",
        "VPC instance metadata service, contacted in vpc mode only; https://api.metadata.cloud.ibm.com where secure access is on; https only (http for loopback and link-local addresses)");

    public static readonly Setting VpcMetadataVersion = new("IBMTP_VPC_METADATA_VERSION", null, "vpcMetadataVersion", "2025-08-26",
        "VPC metadata API version (YYYY-MM-DD); from 2025-08-26 the /identity/v1 calls, which bare metal servers need; before it the /instance_identity/v1 calls of older virtual servers");

    public static readonly Setting PowerVsMetadataUrl = new("IBMTP_POWERVS_METADATA_URL", null, "powervsMetadataUrl", "https://api.metadata.power-iaas.cloud.ibm.com",
        "Power Virtual Server metadata service, contacted in powervs mode only; https only (http for loopback)");

    public static readonly Setting Timeout = new("IBMTP_TIMEOUT", null, "timeout", "20",
        "seconds for all network calls of one get, retries included (at most 3600); also bounds all of one command's keystore work together (every Secret Service call and pass run)");

    public static readonly Setting NoCache = new("IBMTP_NO_CACHE", null, null, null,
        "1 disables the token cache");

    public static readonly Setting Registries = new("IBMTP_REGISTRIES", null, "registries", null,
        "extra host[:port] to serve, comma-separated (a list in the config file)");

    // Its default depends on XDG_CONFIG_HOME and HOME, so HelperPaths works it out; this one is for people.
    public static readonly Setting ConfigFile = new("IBMTP_CONFIG", null, null, "~/.config/ibmtp/config.json",
        "config file (the default follows XDG_CONFIG_HOME)");

    public static readonly Setting Keystore = new("IBMTP_KEYSTORE", null, "keystore", "file",
        $"where store keeps logins: {KeystoreKinds.Choices} (keystore migrate --to moves them)");

    public static readonly Setting KeystorePassphrase = new("IBMTP_KEYSTORE_PASSPHRASE", null, null, null,
        "derive the keystore key from this passphrase, or @/path/to/file");

    public static readonly Setting LogLevel = new("IBMTP_LOG_LEVEL", null, "logLevel", "information",
        "off, error, warning, information or debug");

    public static readonly Setting KubeletCacheDuration = new("IBMTP_KUBELET_CACHE_DURATION", null, "kubeletCacheDuration", "1h0m0s",
        "kubelet mode: how long the kubelet keeps a login that is no token (Go duration)");

    /// <summary>Every row, in the order the usage text and the README list them.</summary>
    public static readonly IReadOnlyList<Setting> All =
    [
        ApiKey, ProfileId, ProfileCrn, ProfileName, AccountId, IbmCloudCrProfile, Mode, CrToken,
        IamUrl, VpcMetadataUrl, VpcMetadataVersion, PowerVsMetadataUrl, Timeout, NoCache, Registries, ConfigFile, Keystore, KeystorePassphrase, LogLevel,
        KubeletCacheDuration,
    ];

    /// <summary>The row whose <see cref="Setting.Key"/> is <paramref name="key"/>, if any.</summary>
    public static Setting? WithKey(string key)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Key == key)
                return All[i];
        }
        return null;
    }
}
