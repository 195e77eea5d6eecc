namespace Ibmtp.Emulators;

/// <summary>
/// A person who signs in on the passcode page: an IBMid user, or a federated user who signs in through the identity
/// provider of <see cref="Realm"/> and brings its SAML attributes, which federated trust rules of profiles match.
/// </summary>
/// <param name="IamId">The person's IAM ID, such as <c>IBMid-270000ABCD</c>.</param>
/// <param name="Email">Also the user name the passcode page signs in with.</param>
/// <param name="AccountId">The account the person's tokens are for, and whose session policy their sessions follow.</param>
/// <param name="Password">What the passcode page takes with <paramref name="Email"/>.</param>
public sealed record Person(string IamId, string Name, string Email, string AccountId, string Password)
{
    /// <summary>The realm ID of the person's identity provider (e.g. <c>https://idp.example.test/saml</c>); null for an IBMid user.</summary>
    public string? Realm { get; init; }

    /// <summary>The SAML attributes the identity provider asserts for the person, by attribute name.</summary>
    public IReadOnlyDictionary<string, string> SamlAttributes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
