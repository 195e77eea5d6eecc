using Ibmtp.CloudIdentity;

namespace Ibmtp.Configuration;

/// <summary>How to log in to one registry host, with every layer of settings already applied.</summary>
/// <param name="Profile">The trusted profile, if any layer names one.</param>
public sealed record HostSettings(SettingValue<CredentialMode> Mode, SettingValue<TrustedProfile?> Profile, SettingValue<Uri> IamUrl);
