using System.Text;
using Ibmtp.Secrets;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Ibmtp.Logging;

/// <summary>
/// Renders each log event as one line, then passes it through the <see cref="SecretRedactor"/> before
/// it reaches the file. Control characters in the message (a newline in a stored username, say) are
/// escaped, so no value can forge or split a line; an exception's stack trace follows on lines of its own.
/// </summary>
public sealed class RedactingFormatter : ITextFormatter
{
    private const string Template = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] ({ProcessId}) {Message:lj}";

    private readonly MessageTemplateTextFormatter _inner = new(Template);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var rendered = new StringWriter();
        _inner.Format(logEvent, rendered);
        // Redacted before it is escaped or joined: a secret holding a control character would no longer
        // match the forms the redactor knows once escaped.
        var line = new StringBuilder(SafeLine.EscapeControlCharacters(SecretRedactor.Redact(rendered.ToString()))).Append('\n');
        if (logEvent.Exception is { } exception)
            line.Append(SecretRedactor.Redact(exception.ToString())).Append('\n');
        output.Write(line.ToString());
    }
}
