namespace Ibmtp.Configuration;

/// <summary>How to log in to one registry host, with every layer of settings already applied.</summary>
public sealed record HostConfiguration(CredentialMode Mode, TrustedProfile? Profile, string IamUrl);
