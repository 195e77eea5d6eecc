namespace Ibmtp.Emulators;

/// <summary>
/// A profile's trust rule for federated people: those of <paramref name="Realm"/> whose SAML attributes hold every
/// condition's value exactly. IAM's rules also know other operators; equality is all the tests need.
/// </summary>
/// <param name="Name">Names the rule among the profile's, so a test can remove it.</param>
/// <param name="Expiration">
/// How long a session may act as the profile through this rule, counted from the person's sign-in: IAM's rule
/// <c>expiration</c>, in seconds there.
/// </param>
public sealed record FederatedTrustRule(string Name, string Realm, IReadOnlyDictionary<string, string> Conditions, TimeSpan Expiration)
{
    public bool Admits(Person person) =>
        person.Realm == Realm
        && Conditions.All(condition => person.SamlAttributes.TryGetValue(condition.Key, out var value) && value == condition.Value);
}
