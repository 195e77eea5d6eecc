namespace Ibmtp.Frontends.Docker;

/// <summary>Messages the clients compare byte for byte; they must never change.</summary>
public static class DockerMessages
{
    public const string CredentialsNotFound = "credentials not found in native keychain";
    public const string MissingServerUrl = "no credentials server URL";
    public const string MissingUsername = "no credentials username";
}
