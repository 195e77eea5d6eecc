namespace Ibmtp.CloudIdentity;

/// <summary>What the helper hands the registry, and what it trades for it; <see cref="CredentialModes"/> spells and explains each.</summary>
public enum CredentialMode
{
    Auto,
    ApiKey,
    Token,
    CrToken,
    Vpc,
    PowerVs,
}
