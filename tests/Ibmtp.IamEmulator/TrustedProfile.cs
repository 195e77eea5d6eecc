namespace Ibmtp.Emulators;

/// <summary>
/// An IAM trusted profile: the identities (service IDs, compute resources, the VPC instance) it trusts, and its
/// compute-resource trust conditions on Kubernetes service accounts (cluster, namespace and name).
/// </summary>
internal sealed record TrustedProfile(string Id, string Crn, string Name, string AccountId, IReadOnlySet<string> TrustedIdentities)
{
    public IReadOnlySet<KubernetesServiceAccount> TrustedServiceAccounts { get; init; } = new HashSet<KubernetesServiceAccount>();

    public bool Trusts(string identity) => TrustedIdentities.Contains(identity);

    public bool Trusts(KubernetesServiceAccount account) => TrustedServiceAccounts.Contains(account);

    public TrustedProfile AlsoTrusting(KubernetesServiceAccount account) =>
        this with { TrustedServiceAccounts = TrustedServiceAccounts.Append(account).ToHashSet() };
}
