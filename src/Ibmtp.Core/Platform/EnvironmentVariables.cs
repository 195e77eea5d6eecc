namespace Ibmtp.Platform;

/// <summary>Every environment variable the helper reads. Users' scripts depend on these names.</summary>
public static class EnvironmentVariables
{
    public const string ApiKey = "IBMTP_API_KEY";
    public const string IbmCloudApiKey = "IBMCLOUD_API_KEY";
    public const string ProfileId = "IBMTP_PROFILE_ID";
    public const string Registries = "IBMTP_REGISTRIES";
    public const string ConfigFile = "IBMTP_CONFIG";
    public const string KeystorePassphrase = "IBMTP_KEYSTORE_PASSPHRASE";
    public const string LogLevel = "IBMTP_LOG_LEVEL";
    public const string Mode = "IBMTP_MODE";
    public const string ProfileCrn = "IBMTP_PROFILE_CRN";
    public const string ProfileName = "IBMTP_PROFILE_NAME";
    public const string AccountId = "IBMTP_ACCOUNT_ID";
    public const string IbmCloudCrProfile = "IBMCLOUD_CR_PROFILE";
    public const string CrToken = "IBMTP_CR_TOKEN";
    public const string IbmCloudCrToken = "IBMCLOUD_CR_TOKEN";
    public const string IamUrl = "IBMTP_IAM_URL";
    public const string VpcMetadataUrl = "IBMTP_VPC_METADATA_URL";
    public const string Timeout = "IBMTP_TIMEOUT";
    public const string NoCache = "IBMTP_NO_CACHE";
}
