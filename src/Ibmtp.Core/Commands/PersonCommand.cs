using System.CommandLine;
using System.Text;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Commands;

/// <summary>
/// The error policy of the commands a person runs (<c>configure</c>, <c>doctor</c>): the answer on
/// stdout, warnings and a failure's one line on stderr, exit 1 on failure. No stack trace, no secret.
/// </summary>
public sealed class PersonCommand(HelperContext context, string name)
{
    public void Say(string line) => Write(context.Output, line);

    /// <summary>Parses the command's options; returns the exit status when that already answered (a bad option, or --help), else null.</summary>
    public int? Parse(System.CommandLine.Command options, IReadOnlyList<string> args, out ParseResult parsed)
    {
        parsed = options.Parse(args.ToArray());
        if (parsed.Errors.Count > 0)
            return Fail($"{parsed.Errors[0].Message} (see {name} --help)");
        if (parsed.Action is null)
            return null;
        using var writer = new StreamWriter(context.Output, leaveOpen: true);
        return parsed.Invoke(new InvocationConfiguration { Output = writer, Error = writer });
    }

    public void Warn(string line) => Write(context.Error, $"warning: {line}");

    public int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (HelperException error)
        {
            return Fail(error.Message);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Fail(error.Message.ReplaceLineEndings(" "));
        }
    }

    public int Fail(string message)
    {
        Write(context.Error, $"{HelperInfo.Name} {name}: {message}");
        return 1;
    }

    private static void Write(Stream stream, string line)
    {
        stream.Write(Encoding.UTF8.GetBytes(SecretRedactor.Redact(line) + "\n"));
        stream.Flush();
    }
}
