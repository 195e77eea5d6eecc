using Ibmtp.Emulators;

namespace Ibmtp.IntegrationTests;

/// <summary>A pod's service account as the kubelet sees it: the token it requested for the pod, and the account's annotations.</summary>
public sealed record KubeletServiceAccount(string Token, IReadOnlyDictionary<string, string> Annotations)
{
    public const string ProfileId = "docker-credential-ibmtp/profile-id";
    public const string ProfileCrn = "docker-credential-ibmtp/profile-crn";
    public const string ProfileName = "docker-credential-ibmtp/profile-name";
    public const string AccountId = "docker-credential-ibmtp/account-id";

    /// <summary>The annotations that name the trusted profile a service account's pods pull as.</summary>
    public static readonly IReadOnlyList<string> ProfileAnnotations = [ProfileId, ProfileCrn, ProfileName, AccountId];

    /// <summary>A token the emulator's cluster minted for <paramref name="account"/>, with <paramref name="annotations"/> on the account.</summary>
    public static KubeletServiceAccount Of(IamEmulator iam, KubernetesServiceAccount account, params (string Key, string Value)[] annotations) =>
        new(iam.IssueServiceAccountToken(account), annotations.ToDictionary(annotation => annotation.Key, annotation => annotation.Value));

    /// <summary>A service account annotated with the profile's ID.</summary>
    public static KubeletServiceAccount PullingAs(IamEmulator iam, KubernetesServiceAccount account, IamProfile profile) =>
        Of(iam, account, (ProfileId, profile.Id));
}
