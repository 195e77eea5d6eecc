namespace Ibmtp;

public static class HelperInfo
{
    public const string Name = "docker-credential-ibmtp";
    public const string Package = "ibmtp";

    public static string Version =>
        typeof(HelperInfo).Assembly.GetName().Version is { } version ? $"{version.Major}.{version.Minor}.{version.Build}" : "0.0.0";

    public static string VersionLine => $"{Name} ({Package}) {Version}";

    public const string Usage = """
        Usage: docker-credential-ibmtp <get|store|erase|list|version>

        A Docker credential helper for IBM Cloud Container Registry (icr.io, *.icr.io).
        Configure it per registry under "credHelpers" in ~/.docker/config.json or
        containers/auth.json: {"credHelpers": {"us.icr.io": "ibmtp"}}

        get    reads a server URL on stdin, prints {"ServerURL","Username","Secret"}
        store  reads {"ServerURL","Username","Secret"} on stdin and saves it, encrypted
        erase  reads a server URL on stdin and removes what was saved for it
        list   prints saved registries and their usernames
        version, --version   prints the version; --help prints this text

        Environment:
          IBMTP_API_KEY, IBMCLOUD_API_KEY    API key (or @/path/to/file)
          IBMTP_PROFILE_ID                   trusted profile ID to log in as
          IBMTP_PROFILE_CRN                  ... or its CRN
          IBMTP_PROFILE_NAME, IBMTP_ACCOUNT_ID   ... or its name within an account
          IBMCLOUD_CR_PROFILE                profile ID, CRN or name, told apart by shape
          IBMTP_MODE                         auto|apikey|token|cr-token|vpc (default auto)
          IBMTP_CR_TOKEN, IBMCLOUD_CR_TOKEN  compute-resource token (or @file)
          IBMTP_IAM_URL                      IAM endpoint (default https://iam.cloud.ibm.com)
          IBMTP_VPC_METADATA_URL             default http://169.254.169.254 (vpc mode only)
          IBMTP_TIMEOUT                      seconds for all network calls of a get (default 20)
          IBMTP_NO_CACHE                     1 disables the token cache
          IBMTP_REGISTRIES                   extra host[:port] to serve, comma-separated
          IBMTP_CONFIG                       config file (default ~/.config/ibmtp/config.json)
          IBMTP_KEYSTORE_PASSPHRASE          derive the keystore key from this (or @file)
          IBMTP_LOG_LEVEL                    off|error|warning|information|debug
        """;
}
