using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;

namespace Ibmtp.Iam;

/// <summary>The form fields that name a trusted profile in an IAM grant.</summary>
public static class ProfileGrantFields
{
    /// <param name="accountRequired">The assume grant finds a profile by name only within an account; the cr-token grant can also infer it.</param>
    public static IEnumerable<KeyValuePair<string, string>> For(TrustedProfile profile, bool accountRequired)
    {
        if (accountRequired)
            RequireAccountIfNamed(profile);
        return profile.Kind switch
        {
            TrustedProfileKind.Id => [new("profile_id", profile.Value)],
            TrustedProfileKind.Crn => [new("profile_crn", profile.Value)],
            TrustedProfileKind.Name when profile.AccountId is { } account => [new("profile_name", profile.Value), new("account", account)],
            TrustedProfileKind.Name => [new("profile_name", profile.Value)],
        };
    }

    /// <summary>IAM's assume grant finds a profile by name only within an account; checked before any call is made.</summary>
    public static void RequireAccountIfNamed(TrustedProfile profile)
    {
        if (profile.Kind == TrustedProfileKind.Name && profile.AccountId is null)
        {
            throw new HelperException(
                $"the trusted profile name '{profile.Value}' needs its account: set {SettingsTable.AccountId.Variable} or {SettingsTable.AccountId.FileKey} in the config file");
        }
    }
}
