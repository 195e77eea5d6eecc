using Ibmtp.Fuzz.Targets;

namespace Ibmtp.Fuzz;

/// <summary>Every fuzz target by the name tests/fuzz.sh, the corpus folders and the regression folders use.</summary>
public static class FuzzTargets
{
    private static readonly (string Name, Func<IFuzzTarget> Create)[] Table =
    [
        ("get", () => new ProtocolActionTarget("get")),
        ("store", () => new ProtocolActionTarget("store")),
        ("erase", () => new ProtocolActionTarget("erase")),
        ("list", () => new ProtocolActionTarget("list")),
        ("config", () => new ConfigTarget()),
        ("client-auth-file", () => new ClientAuthFileTarget()),
        ("iam-response", () => new IamResponseTarget()),
        ("metadata-response", () => new MetadataResponseTarget()),
        ("keystore", () => new KeystoreTarget()),
        ("token-cache", () => new TokenCacheTarget()),
        ("kubelet-request", () => new KubeletRequestTarget()),
        ("kubelet-config", () => new KubeletConfigTarget()),
    ];

    public static IEnumerable<string> Names => Table.Select(entry => entry.Name);

    public static IFuzzTarget Create(string name) =>
        Table.FirstOrDefault(entry => entry.Name == name).Create?.Invoke()
        ?? throw new ArgumentException($"no fuzz target {name}; the targets are {string.Join(", ", Names)}", nameof(name));
}
