using Ibmtp.Secrets;

namespace Ibmtp.Keystores.Pass;

/// <summary>How one run of pass ended; with <paramref name="OutputTooLarge"/> pass was stopped for printing more than <see cref="PassProgram.OutputLimit"/>, and its output dropped.</summary>
public sealed record PassResult(int ExitCode, string Output, string Error, bool OutputTooLarge = false)
{
    // Enough for gpg's reason; a longer stderr is pass's usage text or git's chatter.
    private const int LongestProblem = 300;

    public bool Succeeded => ExitCode == 0 && !OutputTooLarge;

    /// <summary>
    /// pass's and gpg's stderr on one line, for an error message. It names paths and key IDs, not
    /// contents, but is redacted all the same.
    /// </summary>
    public string Problem()
    {
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var problem = SecretRedactor.Redact(string.Join("; ", lines));
        if (problem.Length == 0)
            return $"pass exited with status {ExitCode}";
        return problem.Length > LongestProblem ? problem[..LongestProblem] + "…" : problem;
    }
}
