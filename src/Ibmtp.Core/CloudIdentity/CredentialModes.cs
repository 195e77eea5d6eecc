using Ibmtp.ClosedSets;

namespace Ibmtp.CloudIdentity;

/// <summary>
/// Every credential mode, as <c>IBMTP_MODE</c>, messages, the log and the README spell it. A spelling
/// never changes: users' settings hold it, and it is part of each cached token's key.
/// </summary>
public static class CredentialModes
{
    private const string Auto = "auto";
    private const string ApiKey = "apikey";
    private const string Token = "token";
    private const string CrToken = "cr-token";
    private const string Vpc = "vpc";
    private const string PowerVs = "powervs";

    /// <summary>Every spelling, as a hint lists them; a constant, so the settings table that quotes it costs no start-up work.</summary>
    public const string Choices = $"{Auto}, {ApiKey}, {Token}, {CrToken}, {Vpc} or {PowerVs}";

    public static readonly SpellingTable<CredentialMode> All = new(
        new(CredentialMode.Auto, Auto,
            "apikey if an API key is set (token if it is for a profile given by name or CRN), else cr-token if a compute-resource token and a profile are there, else the keystore"),
        new(CredentialMode.ApiKey, ApiKey,
            "the API key itself, passed through; no exchange"),
        new(CredentialMode.Token, Token,
            "an API key, traded with IAM for the trusted profile's token (the key's own token without a profile)"),
        new(CredentialMode.CrToken, CrToken,
            "a Kubernetes or Code Engine compute-resource token, traded with IAM for the trusted profile's token"),
        new(CredentialMode.Vpc, Vpc,
            "the VPC virtual server's or bare metal server's identity, traded with its metadata service for the trusted profile's token (the default profile without one)"),
        new(CredentialMode.PowerVs, PowerVs,
            "the Power Virtual Server instance's identity, traded with its metadata service for the trusted profile's token"));
}
