using Ibmtp.Protocol;

namespace Ibmtp.Configuration;

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

public static class CredentialModes
{
    public static CredentialMode Parse(string? text, string origin) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => CredentialMode.Auto,
        "apikey" => CredentialMode.ApiKey,
        "token" => CredentialMode.Token,
        "cr-token" => CredentialMode.CrToken,
        "vpc" => CredentialMode.Vpc,
        _ => throw new HelperException($"{origin} is '{text}': use auto, apikey, token, cr-token or vpc"),
    };
}
