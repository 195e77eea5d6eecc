using Ibmtp.Logging;
using Ibmtp.Secrets;
using Serilog.Events;
using Serilog.Parsing;

namespace Ibmtp.Tests.Logging;

/// <summary>The last step before the log file: whatever a log statement passes, secrets never reach the text.</summary>
[TestFixture]
public class RedactingFormatterTests
{
    [Test]
    public void A_secret_passed_as_a_property_is_blanked_in_the_rendered_line()
    {
        _ = new Secret("formatter-key-1");

        var line = Render(Event("logged in with {Key}", null, new LogEventProperty("Key", new ScalarValue("formatter-key-1"))));

        Assert.That(line, Does.Contain("logged in with [REDACTED]").And.Not.Contain("formatter-key-1"));
    }

    [Test]
    public void A_secret_in_an_exception_is_blanked_in_the_rendered_line()
    {
        _ = new Secret("formatter-key-2");

        var line = Render(Event("failed", new InvalidOperationException("rejected formatter-key-2")));

        Assert.That(line, Does.Contain("rejected [REDACTED]").And.Not.Contain("formatter-key-2"));
    }

    private static LogEvent Event(string template, Exception? exception, params LogEventProperty[] properties) =>
        new(DateTimeOffset.Now, LogEventLevel.Information, exception, new MessageTemplateParser().Parse(template), properties);

    private static string Render(LogEvent logEvent)
    {
        using var output = new StringWriter();
        new RedactingFormatter().Format(logEvent, output);
        return output.ToString();
    }
}
