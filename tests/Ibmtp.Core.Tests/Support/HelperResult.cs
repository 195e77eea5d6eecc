namespace Ibmtp.Tests.Support;

/// <summary>What one run of the helper left behind: its exit status and both output streams.</summary>
public sealed record HelperResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout split into lines, without the final newline.</summary>
    public string[] StdoutLines => Stdout.TrimEnd('\n').Split('\n');
}
