using System.Text.Json.Nodes;

namespace Ibmtp.IntegrationTests;

/// <summary>One protocol action and its stdin, as a test case names it.</summary>
public sealed record HelperCall(string Action, string Input)
{
    public static HelperCall Get(string host) => new("get", host);

    public static HelperCall Erase(string host) => new("erase", host);

    public static HelperCall List() => new("list", "unused");

    /// <summary>A store of a fresh secret, shaped like the docker CLI's request.</summary>
    public static HelperCall Store(string host) =>
        new("store", new JsonObject { ["ServerURL"] = host, ["Username"] = "planted-user", ["Secret"] = FakeCredentials.NewApiKey() }.ToJsonString() + "\n");

    public Task<ProcessResult> RunWithinAsync(HelperCli helper, TimeSpan limit) => helper.RunWithinAsync(limit, Action, Input);

    public override string ToString() => Action == "store" ? "store" : $"{Action} {Input}";
}
