using Ibmtp.CommandLine;
using Ibmtp.Frontends;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Commands;

/// <summary>
/// The front end of the commands a person runs (<c>configure</c>, <c>doctor</c>, <c>keystore</c>): the
/// answer on stdout, warnings on stderr, and failures in the person's form of the
/// <see cref="OutcomePolicy"/>: one line on stderr that names the command, exit 1. No secret anywhere.
/// </summary>
public sealed class PersonCommand(HelperContext context, string name)
{
    private readonly OutcomePolicy _outcomes = OutcomePolicy.ForPerson(context.Error, name);

    public void Say(string line) => context.Output.WriteLine(SecretRedactor.Redact(line));

    /// <summary>Parses the command's options; returns the exit status when that already answered (a bad option, or --help), else null.</summary>
    public int? Parse(CommandSyntax syntax, IReadOnlyList<string> args, out ParsedArguments parsed)
    {
        if (syntax.Parse(args, out parsed) is { } problem)
            return UsageError(problem);
        if (!parsed.HelpAsked)
            return null;
        context.Output.WriteLine((parsed.Subcommand ?? syntax).HelpText());
        return 0;
    }

    /// <summary>A command line the command cannot run: one line that points to its help, exit 1.</summary>
    public int UsageError(string message) => Fail($"{message} (see {name} --help)");

    public void Warn(string line) => context.Error.WriteLine(SafeLine.Of($"warning: {line}"));

    public int Run(Func<int> body) => _outcomes.Run(body);

    public int Fail(string message) => _outcomes.Fail(message);
}
