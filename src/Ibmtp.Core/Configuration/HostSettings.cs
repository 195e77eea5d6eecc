using Ibmtp.CloudIdentity;

namespace Ibmtp.Configuration;

/// <summary>How to log in to one registry host, with every layer of settings already applied.</summary>
/// <param name="resolveIamUrl">
/// Resolved on first use: only the modes that call IAM need the endpoint, and the first URL a process
/// parses sets up <see cref="Uri"/>'s tables, 2% of a `get` that passes a key through.
/// </param>
public sealed class HostSettings(SettingValue<CredentialMode> mode, SettingValue<TrustedProfile?> profile, Func<SettingValue<Uri>> resolveIamUrl)
{
    private SettingValue<Uri>? _iamUrl;

    public SettingValue<CredentialMode> Mode => mode;

    /// <summary>The trusted profile, if any layer names one.</summary>
    public SettingValue<TrustedProfile?> Profile => profile;

    public SettingValue<Uri> IamUrl => _iamUrl ??= resolveIamUrl();
}
