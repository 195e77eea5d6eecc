using Ibmtp.Configuration;

namespace Ibmtp.Tests.Configuration;

[TestFixture]
public sealed class GoDurationTests
{
    [TestCase(0, "0s")]
    [TestCase(59.9, "59s")]
    [TestCase(60, "1m0s")]
    [TestCase(2700, "45m0s")]
    [TestCase(3600, "1h0m0s")]
    [TestCase(5430, "1h30m30s")]
    [TestCase(90000, "25h0m0s")]
    public void Durations_print_as_Gos_Duration_String_prints_whole_seconds(double seconds, string expected) =>
        Assert.That(GoDuration.Format(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));

    [TestCase("1h0m0s", 3600)]
    [TestCase("45m", 2700)]
    [TestCase("1.5h", 5400)]
    [TestCase("90s", 90)]
    [TestCase("1h30m", 5400)]
    [TestCase("500ms", 0.5)]
    [TestCase("0", 0)]
    [TestCase("0s", 0)]
    public void Gos_syntax_is_read(string text, double seconds)
    {
        Assert.That(GoDuration.TryParse(text, out var duration), Is.True);
        Assert.That(duration, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("")]
    [TestCase("1")]
    [TestCase("-5m")]
    [TestCase("1d")]
    [TestCase("h")]
    [TestCase("1h 30m")]
    [TestCase("99999999999999999999h")]
    public void Anything_else_is_refused(string text) =>
        Assert.That(GoDuration.TryParse(text, out _), Is.False);
}
