using Ibmtp.CloudIdentity;

namespace Ibmtp.Credentials;

/// <summary>The annotations on a service account that name the trusted profile its pods pull as.</summary>
public static class ServiceAccountAnnotations
{
    public const string Prefix = "docker-credential-ibmtp/";
    public const string ProfileId = Prefix + "profile-id";
    public const string ProfileCrn = Prefix + "profile-crn";
    public const string ProfileName = Prefix + "profile-name";
    public const string AccountId = Prefix + "account-id";

    /// <summary>The profile the annotations name, or null when they name none.</summary>
    public static TrustedProfile? Profile(IReadOnlyDictionary<string, string>? annotations)
    {
        if (annotations is null)
            return null;
        if (Value(annotations, ProfileId) is { } id)
            return new TrustedProfile(TrustedProfileKind.Id, id);
        if (Value(annotations, ProfileCrn) is { } crn)
            return new TrustedProfile(TrustedProfileKind.Crn, crn);
        // The cr-token grant takes a name alone: IAM looks it up in the cluster's own account.
        return Value(annotations, ProfileName) is { } name
            ? new TrustedProfile(TrustedProfileKind.Name, name, Value(annotations, AccountId))
            : null;
    }

    private static string? Value(IReadOnlyDictionary<string, string> annotations, string key) =>
        annotations.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
