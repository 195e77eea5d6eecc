namespace Ibmtp.Fuzz;

/// <summary>What one action answered: its exit code, stdout and stderr.</summary>
public sealed record HelperOutcome(string Action, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>
    /// Throws unless the exit code is one the protocol documents (0, or 1 with a message) and the
    /// failure, if any, was one the helper expected. The docker front end turns any other exception
    /// into "&lt;action&gt;: unexpected &lt;type&gt;: ..." so that a client reads a failure rather than
    /// a stack trace; to the fuzzer that is a crash all the same. It is looked for anywhere in stdout,
    /// since an answer may have been half written when the exception came.
    /// </summary>
    public HelperOutcome RequireHandled()
    {
        if (ExitCode is not (0 or 1))
            throw new PropertyViolation($"{Action} exited {ExitCode}; the protocol allows 0 and 1 only");
        if (Stdout.Contains($"{Action}: unexpected ", StringComparison.Ordinal))
            throw new PropertyViolation($"{Action} failed with an exception nothing handled: {Stdout.TrimEnd()}");
        return this;
    }

    public HelperOutcome RequireSuccess(string why) =>
        Succeeded ? this : throw new PropertyViolation($"{Action} failed ({Stdout.TrimEnd()}), but {why}");
}
