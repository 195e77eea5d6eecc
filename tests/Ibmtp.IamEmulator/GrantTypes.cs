namespace Ibmtp.Emulators;

/// <summary>The <c>grant_type</c> values IAM accepts at <c>/identity/token</c> for the helper's flows.</summary>
public static class GrantTypes
{
    public const string ApiKey = "urn:ibm:params:oauth:grant-type:apikey";
    public const string Assume = "urn:ibm:params:oauth:grant-type:assume";
    public const string ComputeResourceToken = "urn:ibm:params:oauth:grant-type:cr-token";

    /// <summary>A person's one-time passcode from the passcode page, as <c>ibmcloud login --sso</c> sends it.</summary>
    public const string Passcode = "urn:ibm:params:oauth:grant-type:passcode";

    /// <summary>A person's refresh token, for new tokens in the same sign-in session.</summary>
    public const string RefreshToken = "refresh_token";
}
