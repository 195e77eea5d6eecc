namespace Ibmtp.Emulators;

/// <summary>
/// An IAM trusted profile: the identities (service IDs, compute resources, the VPC instance) it trusts, its
/// compute-resource trust conditions on Kubernetes service accounts (cluster, namespace and name), the people it trusts
/// by IAM ID (an "Individual" trust) and its rules for federated people.
/// </summary>
internal sealed record TrustedProfile(string Id, string Crn, string Name, string AccountId, IReadOnlySet<string> TrustedIdentities)
{
    public IReadOnlySet<KubernetesServiceAccount> TrustedServiceAccounts { get; init; } = new HashSet<KubernetesServiceAccount>();

    /// <summary>The IAM IDs of the people the profile trusts directly.</summary>
    public IReadOnlySet<string> TrustedPeople { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<FederatedTrustRule> FederatedRules { get; init; } = [];

    /// <summary>The IAM ID profile tokens carry: IAM prefixes the profile's ID with <c>iam-</c>.</summary>
    public string IamId => "iam-" + Id;

    public bool Trusts(string identity) => TrustedIdentities.Contains(identity);

    public bool Trusts(KubernetesServiceAccount account) => TrustedServiceAccounts.Contains(account);

    /// <summary>
    /// Whether the profile trusts <paramref name="person"/>, and until when a session signed in at <paramref name="signedInAt"/>
    /// may act as it: no bound for an Individual trust, the longest matching rule's expiration for a federated one.
    /// </summary>
    public bool Trusts(Person person, DateTimeOffset signedInAt, out DateTimeOffset? actingUntil)
    {
        actingUntil = null;
        if (TrustedPeople.Contains(person.IamId))
        {
            return true;
        }

        var rules = FederatedRules.Where(rule => rule.Admits(person)).ToList();
        if (rules.Count == 0)
        {
            return false;
        }

        actingUntil = signedInAt + rules.Max(rule => rule.Expiration);
        return true;
    }

    public TrustedProfile AlsoTrusting(KubernetesServiceAccount account) =>
        this with { TrustedServiceAccounts = TrustedServiceAccounts.Append(account).ToHashSet() };

    public TrustedProfile AlsoTrustingPeople(IEnumerable<string> iamIds) =>
        this with { TrustedPeople = TrustedPeople.Concat(iamIds).ToHashSet(StringComparer.Ordinal) };

    public TrustedProfile NoLongerTrustingPerson(string iamId) =>
        this with { TrustedPeople = TrustedPeople.Where(id => id != iamId).ToHashSet(StringComparer.Ordinal) };

    /// <summary>Adds <paramref name="rule"/>, replacing the profile's rule of the same name.</summary>
    public TrustedProfile WithRule(FederatedTrustRule rule) =>
        this with { FederatedRules = [.. FederatedRules.Where(existing => existing.Name != rule.Name), rule] };

    public TrustedProfile WithoutRule(string ruleName) =>
        this with { FederatedRules = [.. FederatedRules.Where(rule => rule.Name != ruleName)] };
}
