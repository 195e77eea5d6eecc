using Ibmtp.Configuration;

namespace Ibmtp.Iam;

/// <summary>The form fields that name a trusted profile in an IAM grant.</summary>
public static class ProfileGrantFields
{
    /// <param name="accountRequired">The assume grant finds a profile by name only within an account; the cr-token grant can also infer it.</param>
    public static IEnumerable<KeyValuePair<string, string>> For(TrustedProfile profile, bool accountRequired)
    {
        if (accountRequired)
            profile.RequireAccountIfNamed();
        return profile.Kind switch
        {
            TrustedProfileKind.Id => [new("profile_id", profile.Value)],
            TrustedProfileKind.Crn => [new("profile_crn", profile.Value)],
            TrustedProfileKind.Name when profile.AccountId is { } account => [new("profile_name", profile.Value), new("account", account)],
            TrustedProfileKind.Name => [new("profile_name", profile.Value)],
        };
    }
}
