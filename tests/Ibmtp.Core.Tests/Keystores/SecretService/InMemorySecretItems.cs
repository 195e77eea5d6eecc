using Ibmtp.Keystores.SecretService;

namespace Ibmtp.Tests.Keystores.SecretService;

/// <summary>A Secret Service with one default collection, matching items by attributes as the Secret Service does.</summary>
public sealed class InMemorySecretItems : ISecretItems
{
    public List<(Dictionary<string, string> Attributes, string Label, byte[] Secret)> Items { get; } = [];

    public SecretCollection? Default { get; set; } = new("/org/freedesktop/secrets/collection/login", "Login", Locked: false);

    public SecretCollection? DefaultCollection() => Default;

    public IReadOnlyList<SecretItem> Search(IReadOnlyDictionary<string, string> attributes, bool withSecrets) =>
        Matching(attributes).Select(item => new SecretItem(item.Attributes, Default?.Locked ?? false, withSecrets && Default?.Locked != true ? item.Secret.ToArray() : null)).ToList();

    public void Store(SecretCollection collection, IReadOnlyDictionary<string, string> attributes, string label, byte[] secret)
    {
        Items.RemoveAll(item => item.Attributes.Count == attributes.Count && Includes(item.Attributes, attributes));
        Items.Add((attributes.ToDictionary(), label, secret.ToArray()));
    }

    public bool Clear(IReadOnlyDictionary<string, string> attributes) => Items.RemoveAll(item => Includes(item.Attributes, attributes)) > 0;

    private IEnumerable<(Dictionary<string, string> Attributes, string Label, byte[] Secret)> Matching(IReadOnlyDictionary<string, string> attributes) =>
        Items.Where(item => Includes(item.Attributes, attributes));

    private static bool Includes(Dictionary<string, string> item, IReadOnlyDictionary<string, string> wanted) =>
        wanted.All(pair => item.GetValueOrDefault(pair.Key) == pair.Value);
}
