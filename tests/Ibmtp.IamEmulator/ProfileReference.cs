namespace Ibmtp.Emulators;

/// <summary>How a request names a trusted profile: by ID, by CRN, or by name (within an account when one is given).</summary>
internal sealed record ProfileReference(string? Id, string? Crn, string? Name, string? AccountId)
{
    public static ProfileReference ById(string id) => new(id, null, null, null);

    public static ProfileReference ByCrn(string crn) => new(null, crn, null, null);

    public bool Matches(TrustedProfile profile) =>
        Id is not null ? profile.Id == Id
        : Crn is not null ? profile.Crn == Crn
        : profile.Name == Name && (AccountId is null || profile.AccountId == AccountId);
}
