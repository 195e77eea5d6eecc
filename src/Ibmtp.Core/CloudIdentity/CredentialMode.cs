namespace Ibmtp.CloudIdentity;

/// <summary>What the helper hands the registry, and what it trades for it.</summary>
public enum CredentialMode
{
    /// <summary>An API key if there is one (offline), else a compute-resource token if a profile is set.</summary>
    Auto,

    /// <summary>The API key itself, with the profile ID as username. No network.</summary>
    ApiKey,

    /// <summary>API key -> IAM token -> the trusted profile's token, sent as <c>iambearer</c>.</summary>
    Token,

    /// <summary>Kubernetes / Code Engine compute-resource token -> the trusted profile's token.</summary>
    CrToken,

    /// <summary>VPC instance identity -> the trusted profile's token.</summary>
    Vpc,
}
