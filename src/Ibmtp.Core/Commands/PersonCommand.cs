using System.CommandLine;
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
    public int? Parse(System.CommandLine.Command options, IReadOnlyList<string> args, out ParseResult parsed)
    {
        parsed = options.Parse(args.ToArray());
        if (parsed.Errors.Count > 0)
            return Fail($"{parsed.Errors[0].Message} (see {name} --help)");
        if (parsed.Action is null)
            return null;
        using var text = new StringWriter();
        var status = parsed.Invoke(new InvocationConfiguration { Output = text, Error = text });
        // System.CommandLine ends every line it writes; the line writer ends the last one itself.
        if (text.ToString() is { Length: > 0 } written)
            context.Output.WriteLine(written.EndsWith('\n') ? written[..^1] : written);
        return status;
    }

    public void Warn(string line) => context.Error.WriteLine(SafeLine.Of($"warning: {line}"));

    public int Run(Func<int> body) => _outcomes.Run(body);

    public int Fail(string message) => _outcomes.Fail(message);
}
