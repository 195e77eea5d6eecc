using System.Text.Json.Nodes;

namespace Ibmtp.IntegrationTests;

/// <summary>docker-credential-ibmtp run directly, through the bin/ link the clients find on the test HOME's PATH.</summary>
public sealed class HelperCli(TestHome home)
{
    private string Executable => Path.Combine(home.BinDirectory, HelperBinary.FileName);

    /// <summary>Runs one protocol action; get and erase take the server URL as <paramref name="standardInput"/>.</summary>
    public Task<ProcessResult> RunAsync(string action, string? standardInput = null) =>
        ProcessRunner.RunAsync(
            Executable,
            [action],
            new ProcessOptions { InheritEnvironment = false, Environment = home.Environment, StandardInput = standardInput });

    /// <summary>Runs one action that must end within <paramref name="limit"/>: past it the helper is killed and a <see cref="TimeoutException"/> says so.</summary>
    public Task<ProcessResult> RunWithinAsync(TimeSpan limit, string action, string standardInput) =>
        ProcessRunner.RunAsync(
            Executable,
            [action],
            new ProcessOptions { InheritEnvironment = false, Environment = home.Environment, StandardInput = standardInput, Timeout = limit });

    /// <summary>Runs one action with raw bytes on stdin, e.g. input that is not UTF-8 text.</summary>
    public Task<ProcessResult> RunAsync(string action, byte[] standardInput) =>
        ProcessRunner.RunAsync(
            Executable,
            [action],
            new ProcessOptions { InheritEnvironment = false, Environment = home.Environment, StandardInputBytes = standardInput });

    /// <summary>Runs the helper with exactly <paramref name="arguments"/> (possibly none) and nothing on stdin.</summary>
    public Task<ProcessResult> RunWithArgumentsAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(
            Executable,
            arguments,
            new ProcessOptions { InheritEnvironment = false, Environment = home.Environment });

    /// <summary>Runs the helper with <paramref name="arguments"/> and <paramref name="standardInput"/> on stdin (e.g. <c>login --passcode-stdin</c>).</summary>
    public Task<ProcessResult> RunWithInputAsync(string standardInput, params string[] arguments) =>
        ProcessRunner.RunAsync(
            Executable,
            arguments,
            new ProcessOptions { InheritEnvironment = false, Environment = home.Environment, StandardInput = standardInput });

    /// <summary>`get` with the server URL on stdin exactly as given (clients send no trailing newline).</summary>
    public Task<ProcessResult> GetAsync(string serverUrl) => RunAsync("get", serverUrl);

    /// <summary>`erase` with the server URL on stdin.</summary>
    public Task<ProcessResult> EraseAsync(string serverUrl) => RunAsync("erase", serverUrl);

    /// <summary>`list` with the placeholder the docker CLI sends.</summary>
    public Task<ProcessResult> ListAsync() => RunAsync("list", "unused");

    /// <summary>Sends a store request shaped like the docker CLI's: one JSON object, then a newline.</summary>
    public Task<ProcessResult> StoreAsync(string serverUrl, string username, string secret) =>
        RunAsync("store", new JsonObject { ["ServerURL"] = serverUrl, ["Username"] = username, ["Secret"] = secret }.ToJsonString() + "\n");
}
