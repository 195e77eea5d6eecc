using Ibmtp.Secrets;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Ibmtp.Logging;

/// <summary>Renders each log event as text, then passes it through the <see cref="SecretRedactor"/> before it reaches the file.</summary>
public sealed class RedactingFormatter : ITextFormatter
{
    private const string Template = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} [{Level:u3}] ({ProcessId}) {Message:lj}{NewLine}{Exception}";

    private readonly MessageTemplateTextFormatter _inner = new(Template);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var rendered = new StringWriter();
        _inner.Format(logEvent, rendered);
        output.Write(SecretRedactor.Redact(rendered.ToString()));
    }
}
