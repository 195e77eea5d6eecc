namespace Ibmtp.Configuration;

/// <summary>
/// How to log in to a registry. The config file has these at top level (for every host) and in each
/// <c>hosts</c> entry (for that host).
/// </summary>
public class ProfileSettings
{
    /// <summary>auto, apikey, token, cr-token or vpc.</summary>
    public string? Mode { get; set; }

    public string? ProfileId { get; set; }

    public string? ProfileCrn { get; set; }

    public string? ProfileName { get; set; }

    /// <summary>The account of <see cref="ProfileName"/>; IAM needs it to find a profile by name.</summary>
    public string? AccountId { get; set; }

    public string? IamUrl { get; set; }
}
