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

    public void Warn(string line) => Write(context.Error, $"warning: {line}");

    public int Run(Func<PersonCommand, int> body)
    {
        try
        {
            return body(this);
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
