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
}
