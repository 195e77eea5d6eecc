namespace Ibmtp.Emulators;

/// <summary>An IAM trusted profile and the identities (service IDs, compute resources, the VPC instance) it trusts.</summary>
internal sealed record TrustedProfile(string Id, string Crn, string Name, string AccountId, IReadOnlySet<string> TrustedIdentities)
{
    public bool Trusts(string identity) => TrustedIdentities.Contains(identity);
}
