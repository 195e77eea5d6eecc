using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;

namespace Ibmtp.Iam;

/// <summary>
/// The form fields that name a trusted profile in an IAM grant, field for field as IBM's SDK cores send
/// them (go-sdk-core <c>core/iam_assume_authenticator.go</c> and <c>core/container_authenticator.go</c>,
/// and their python, node and java twins).
/// </summary>
public static class ProfileGrantFields
{
    /// <summary>The assume grant: a profile by ID or CRN, or by name with the <c>account</c> it is in.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ForAssume(TrustedProfile profile)
    {
        RequireAccountIfNamed(profile);
        return profile.Kind == TrustedProfileKind.Name
            ? [new("profile_name", profile.Value), new("account", profile.AccountId!)]
            : Selector(profile);
    }

    /// <summary>
    /// The cr-token grant: the profile alone, never an <c>account</c>. IAM looks a name up in the compute
    /// resource's own account, the only one whose profiles can trust it, and no SDK sends one.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> ForCrToken(TrustedProfile profile) => Selector(profile);

    /// <summary>IAM's assume grant finds a profile by name only within an account; checked before any call is made.</summary>
    public static void RequireAccountIfNamed(TrustedProfile profile)
    {
        if (profile.Kind == TrustedProfileKind.Name && profile.AccountId is null)
        {
            throw new HelperException(
                $"the trusted profile name '{profile.Value}' needs its account: set {SettingsTable.AccountId.Variable} or {SettingsTable.AccountId.FileKey} in the config file");
        }
    }

    private static KeyValuePair<string, string>[] Selector(TrustedProfile profile) => profile.Kind switch
    {
        TrustedProfileKind.Id => [new("profile_id", profile.Value)],
        TrustedProfileKind.Crn => [new("profile_crn", profile.Value)],
        TrustedProfileKind.Name => [new("profile_name", profile.Value)],
    };
}
