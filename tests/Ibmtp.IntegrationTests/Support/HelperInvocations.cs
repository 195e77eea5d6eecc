using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>One run of the helper as a client (or a test) started it.</summary>
/// <param name="Arguments">The helper's argv after its name, exactly as it received them.</param>
/// <param name="ExitCode">Its exit status; only recorded with <c>recordOutput</c>.</param>
/// <param name="Output">Its stdout; only recorded with <c>recordOutput</c>.</param>
public sealed record HelperInvocation(IReadOnlyList<string> Arguments, int? ExitCode, string? Output)
{
    public string? Action => Arguments.Count > 0 ? Arguments[0] : null;

    public override string ToString() =>
        $"[{string.Join(", ", Arguments)}]" + (ExitCode is null ? "" : $" -> exit {ExitCode}: {Output?.TrimEnd()}");
}

/// <summary>
/// Swaps the test HOME's bin/docker-credential-ibmtp link for a bash wrapper that records each run's
/// argv (base64, one line per run, outside HOME) and then runs the real binary, so a test can see how
/// the clients really call the helper. With <c>recordOutput</c> the wrapper also records exit status and
/// stdout: never use that where the helper prints a secret, since the record is a plain file.
/// </summary>
public sealed class HelperInvocations : IDisposable
{
    private readonly TempDirectory directory;
    private readonly string logFile;

    private HelperInvocations(TempDirectory directory, string logFile)
    {
        this.directory = directory;
        this.logFile = logFile;
    }

    public static HelperInvocations Install(TestHome home, bool recordOutput = false)
    {
        var directory = new TempDirectory("ibmtp-calls");
        var logFile = Path.Combine(directory.Path, "calls.log");
        var link = Path.Combine(home.BinDirectory, HelperBinary.FileName);
        File.Delete(link);
        var record = """
            line=argv
            for argument in "$@"; do line="$line $(printf '%s' "$argument" | base64 -w0)"; done
            """;
        var run = recordOutput
            ? $$"""
              output="$('{{HelperBinary.Path}}' "$@"; status=$?; printf x; exit "$status")"; status=$?
              output="${output%x}"
              printf '%s' "$output"
              printf '%s !exit %s %s\n' "$line" "$status" "$(printf '%s' "$output" | base64 -w0)" >> '{{logFile}}'
              exit "$status"
              """
            : $$"""
              printf '%s\n' "$line" >> '{{logFile}}'
              exec '{{HelperBinary.Path}}' "$@"
              """;
        File.WriteAllText(link, $"#!/bin/bash\n{record}\n{run}\n");
        File.SetUnixFileMode(link, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new HelperInvocations(directory, logFile);
    }

    /// <summary>Every run recorded so far, in the order they finished writing their record.</summary>
    public IReadOnlyList<HelperInvocation> Read() =>
        !File.Exists(logFile)
            ? []
            : File.ReadAllLines(logFile).Where(line => line.Length > 0).Select(Parse).ToList();

    public void Dispose() => directory.Dispose();

    private static HelperInvocation Parse(string line)
    {
        var fields = line.Split(' ');
        var exit = Array.IndexOf(fields, "!exit");
        var arguments = (exit < 0 ? fields[1..] : fields[1..exit]).Select(Decode).ToList();
        return exit < 0
            ? new HelperInvocation(arguments, null, null)
            : new HelperInvocation(arguments, int.Parse(fields[exit + 1]), fields.Length > exit + 2 ? Decode(fields[exit + 2]) : "");
    }

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
