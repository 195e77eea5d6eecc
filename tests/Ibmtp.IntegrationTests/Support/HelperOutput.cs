using System.Text.Json;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>Reads and checks what the helper printed, by the protocol's rules.</summary>
public static class HelperOutput
{
    public const string NotFound = "credentials not found in native keychain";

    /// <summary>Username and Secret from a successful `get`, after checking stdout is that one JSON line and stderr is silent.</summary>
    public static (string ServerUrl, string Username, string Secret) Credentials(ProcessResult get)
    {
        Assert.That(get.ExitCode, Is.EqualTo(0), get.ToString());
        Assert.That(get.StandardError, Is.Empty, $"stderr must stay silent on success: {get}");
        Assert.That(get.StandardOutput, Does.EndWith("}\n").And.Not.Contain("\n{"), $"stdout must be one JSON line: {get}");
        using var json = JsonDocument.Parse(get.StandardOutput);
        var root = json.RootElement;
        return (root.GetProperty("ServerURL").GetString()!, root.GetProperty("Username").GetString()!, root.GetProperty("Secret").GetString()!);
    }

    /// <summary>The list's host -> username map, after checking stdout is that one JSON line and stderr is silent.</summary>
    public static Dictionary<string, string> List(ProcessResult list)
    {
        Assert.That(list.ExitCode, Is.EqualTo(0), list.ToString());
        Assert.That(list.StandardError, Is.Empty, $"stderr must stay silent on success: {list}");
        Assert.That(list.StandardOutput, Does.EndWith("}\n"), list.ToString());
        return JsonSerializer.Deserialize<Dictionary<string, string>>(list.StandardOutput)!;
    }

    /// <summary>store and erase print nothing on success, on stdout or stderr.</summary>
    public static void AssertSilentSuccess(ProcessResult result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.StandardOutput, Is.Empty, result.ToString());
        Assert.That(result.StandardError, Is.Empty, result.ToString());
    }

    /// <summary>Exactly "credentials not found in native keychain", exit 1: the answer clients treat as "go on anonymously".</summary>
    public static void AssertNotFound(ProcessResult result) => AssertFailure(result, NotFound);

    /// <summary>
    /// A failure as the protocol wants it: exit 1, one line on stdout (ending in a newline), nothing on
    /// stderr, no stack trace. Returns the line.
    /// </summary>
    public static string AssertOneLineFailure(ProcessResult result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardOutput, Does.EndWith("\n"), result.ToString());
        var line = result.StandardOutput[..^1];
        Assert.That(line, Is.Not.Empty.And.Not.Contain("\n").And.Not.Contain("\r"), $"one line expected: {result}");
        Assert.That(line, Does.Not.Match(@"\bat [\w.]+\(|Unhandled exception|\.cs:line"), $"no stack trace: {result}");
        Assert.That(result.StandardError, Is.Empty, $"failures go to stdout; stderr is for warnings only: {result}");
        return line;
    }

    /// <summary>A one-line failure whose line is exactly <paramref name="message"/>.</summary>
    public static void AssertFailure(ProcessResult result, string message) =>
        Assert.That(AssertOneLineFailure(result), Is.EqualTo(message), result.ToString());
}
