using Ibmtp.Secrets;

namespace Ibmtp.Tests.Secrets;

/// <summary>Outside text on a line a person or a client reads: printable text as it is, nothing that acts on a terminal, nothing too long.</summary>
[TestFixture]
public class SafeLineTests
{
    [Test]
    public void Printable_text_passes_unchanged()
    {
        const string message = "the Secret Service failed (No such interface 'org.freedesktop.Secret.Collection' at object path '/'): start a keyring, or set IBMTP_KEYSTORE=pass or file";

        Assert.That(SafeLine.Of(message), Is.EqualTo(message));
    }

    [Test]
    public void Escape_and_bell_show_as_escapes_rather_than_act()
    {
        Assert.That(SafeLine.Of("keyring '\u001b]0;owned\u0007\u001b[2J' is locked"), Is.EqualTo("keyring '\\u001b]0;owned\\u0007\\u001b[2J' is locked"));
    }

    [Test]
    public void A_C1_control_character_is_escaped_too()
    {
        Assert.That(SafeLine.Of("a\u009b31mred"), Is.EqualTo("a\\u009b31mred"));
    }

    [TestCase("one\ntwo")]
    [TestCase("one\r\ntwo")]
    [TestCase("one\rtwo")]
    [TestCase("one\u2028two")]
    public void A_line_break_is_joined_with_a_space_so_it_cannot_forge_a_line(string text)
    {
        Assert.That(SafeLine.Of(text), Is.EqualTo("one two"));
    }

    [Test]
    public void A_long_text_is_cut_with_a_marker_that_says_how_long_it_was()
    {
        var line = SafeLine.Of(new string('x', 1024 * 1024));

        Assert.That(line, Is.EqualTo($"{new string('x', SafeLine.LongestLine)}… (1048576 characters in all)"));
    }

    [Test]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var line = SafeLine.Of(new string('x', SafeLine.LongestLine - 1) + string.Concat(Enumerable.Repeat("😀", 10)));

        Assert.That(line, Does.StartWith(new string('x', SafeLine.LongestLine - 1) + "…"));
    }

    [Test]
    public void A_secret_is_blanked_before_the_line_is_joined_escaped_or_cut()
    {
        _ = new Secret("safe-line\nsecret\u001b-1");

        // The secret straddles the cut: cut first, its first half would show.
        var line = SafeLine.Of(new string('x', SafeLine.LongestLine - 5) + "safe-line\nsecret\u001b-1");

        Assert.That(line, Does.EndWith($"x[REDA… ({SafeLine.LongestLine + 5} characters in all)"));
    }
}
