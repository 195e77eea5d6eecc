using System.Text.Json;
using Ibmtp.Configuration;
using Ibmtp.Testing;

namespace Ibmtp.Fuzz.Targets;

/// <summary>
/// The input as the kubelet's CredentialProviderRequest on stdin of <c>kubelet</c>, on a node with an
/// API key and a keystore: the provider exits 0 with a valid CredentialProviderResponse on stdout and
/// nothing on stderr, or 1 with one line on stderr and nothing on stdout; no exception escapes, and
/// the keystore is neither changed nor needed.
/// </summary>
public sealed class KubeletRequestTarget : IFuzzTarget
{
    private const string Action = "kubelet";

    private readonly FuzzHome _home = new();
    private readonly Ibmtp.Platform.IEnvironment _node;

    public KubeletRequestTarget()
    {
        // A service account's token goes to IAM: here a closed loopback port, with too little time
        // for a retry, so an exchange fails in a millisecond and never leaves the machine.
        _node = new DictionaryEnvironment(new Dictionary<string, string>(_home.Variables)
        {
            [SettingsTable.ApiKey.Variable] = "fuzz-node-api-key",
            [SettingsTable.IamUrl.Variable] = "http://127.0.0.1:1",
            [SettingsTable.Timeout.Variable] = "0.05",
        });
    }

    public void Check(byte[] input)
    {
        _home.Reset();
        var stored = _home.Stored();

        var outcome = HelperCall.Run(_node, Action, input);

        if (outcome.ExitCode == 0)
            RequireResponse(outcome);
        else if (outcome.ExitCode == 1)
            RequireOneLineError(outcome);
        else
            throw new PropertyViolation($"{Action} exited {outcome.ExitCode}; the kubelet knows 0 and 1 only");
        stored.RequireUnchangedBy(_home.Stored(), Action);
    }

    private static void RequireResponse(HelperOutcome outcome)
    {
        if (outcome.Stderr.Length > 0)
            throw new PropertyViolation($"{Action} succeeded but wrote to stderr: {outcome.Stderr.TrimEnd()}");
        try
        {
            var response = JsonDocument.Parse(outcome.Stdout).RootElement;
            if (response.GetProperty("apiVersion").GetString() != "credentialprovider.kubelet.k8s.io/v1"
                || response.GetProperty("kind").GetString() != "CredentialProviderResponse"
                || response.GetProperty("cacheKeyType").GetString() != "Registry"
                || response.GetProperty("auth").ValueKind != JsonValueKind.Object)
                throw new PropertyViolation($"{Action} answered a response the kubelet refuses: {outcome.Stdout.TrimEnd()}");
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new PropertyViolation($"{Action} exited 0 without a CredentialProviderResponse on stdout: {outcome.Stdout.TrimEnd()}");
        }
    }

    private static void RequireOneLineError(HelperOutcome outcome)
    {
        if (outcome.Stdout.Length > 0)
            throw new PropertyViolation($"{Action} failed but wrote to stdout, which the kubelet reads as a response: {outcome.Stdout.TrimEnd()}");
        if (outcome.Stderr.TrimEnd('\n').Contains('\n') || outcome.Stderr.Trim().Length == 0)
            throw new PropertyViolation($"{Action} failed without exactly one line on stderr: {outcome.Stderr}");
        if (outcome.Stderr.Contains($"{Action}: unexpected ", StringComparison.Ordinal))
            throw new PropertyViolation($"{Action} failed with an exception nothing handled: {outcome.Stderr.TrimEnd()}");
    }

    public void Dispose() => _home.Dispose();
}
