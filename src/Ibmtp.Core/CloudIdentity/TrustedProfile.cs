namespace Ibmtp.CloudIdentity;

public enum TrustedProfileKind
{
    Id,
    Crn,
    Name,
}

/// <summary>A trusted profile chosen by ID, CRN, or name within an account, as IAM's grants accept.</summary>
public sealed record TrustedProfile(TrustedProfileKind Kind, string Value, string? AccountId = null)
{
    private const string CrnProfileMarker = "::profile:";

    /// <summary>Tells ID, CRN and name apart by shape, as the IBM Cloud CLI does for IBMCLOUD_CR_PROFILE.</summary>
    public static TrustedProfile FromShape(string value, string? accountId)
    {
        value = value.Trim();
        if (value.StartsWith("crn:", StringComparison.OrdinalIgnoreCase))
            return new TrustedProfile(TrustedProfileKind.Crn, value);
        if (value.StartsWith("Profile-", StringComparison.Ordinal))
            return new TrustedProfile(TrustedProfileKind.Id, value);
        return new TrustedProfile(TrustedProfileKind.Name, value, accountId);
    }

    /// <summary>The profile ID, which ICR takes as the username of an API-key login; a CRN ends with it.</summary>
    public string? Id => Kind switch
    {
        TrustedProfileKind.Id => Value,
        TrustedProfileKind.Crn when Value.LastIndexOf(CrnProfileMarker, StringComparison.Ordinal) is var at and >= 0 => Value[(at + CrnProfileMarker.Length)..],
        _ => null,
    };

    /// <summary>The profile as part of a cached token's key; the spelling never changes, or every cached token would be asked for again.</summary>
    public string CacheIdentity => Kind switch
    {
        TrustedProfileKind.Name => $"name:{Value}@{AccountId}",
        TrustedProfileKind.Crn => $"crn:{Value}",
        _ => $"id:{Value}",
    };

    /// <summary>The profile as messages and <c>doctor</c> name it.</summary>
    public override string ToString() => Kind switch
    {
        TrustedProfileKind.Name when AccountId is not null => $"named {Value} in account {AccountId}",
        TrustedProfileKind.Name => $"named {Value}",
        _ => Value,
    };
}
