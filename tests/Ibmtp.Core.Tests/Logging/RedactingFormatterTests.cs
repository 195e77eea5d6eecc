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

    [TestCase("formatter-key\n3")]
    [TestCase("formatter-key\u001b4")]
    [TestCase("formatter-key\b5")]
    public void A_secret_holding_a_control_character_is_blanked_before_it_is_escaped(string secret)
    {
        _ = new Secret(secret);

        var line = Render(Event("logged in with {Key}", null, new LogEventProperty("Key", new ScalarValue(secret))));

        Assert.That(line, Does.Contain("logged in with [REDACTED]").And.Not.Contain("formatter-key"));
    }

    [Test]
    public void A_newline_in_a_logged_value_is_escaped_so_it_cannot_forge_a_line()
    {
        var line = Render(Event("store {Host}: saved for {Username}", null,
            new LogEventProperty("Host", new ScalarValue("us.icr.io")),
            new LogEventProperty("Username", new ScalarValue("evil\n2026-01-01T00:00:00.000+00:00 [INF] (1) forged\u0007"))));

        Assert.That(line.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(line, Does.Contain("evil\\n2026").And.Contain("forged\\u0007"));
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
