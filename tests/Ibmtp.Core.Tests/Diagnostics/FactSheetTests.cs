using Ibmtp.Diagnostics;
using Ibmtp.Secrets;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>Every fact is one line of <c>doctor</c>'s report, whatever a keyring or a server put in its value.</summary>
[TestFixture]
public sealed class FactSheetTests
{
    [Test]
    public void A_keyrings_label_with_escapes_a_bell_and_a_line_break_is_one_escaped_value()
    {
        var facts = new FactSheet();

        facts.Add("keystore", "keyring '\u001b[2J\u0007Login\n! forged: line' (unlocked)");

        Assert.That(facts.Facts.Single().Value, Is.EqualTo("keyring '\\u001b[2J\\u0007Login ! forged: line' (unlocked)"));
    }

    [Test]
    public void A_megabyte_of_error_is_cut_short_with_a_marker()
    {
        var facts = new FactSheet();

        facts.Fail("credentials", "the Secret Service failed (" + new string('x', 1024 * 1024) + ")");

        Assert.That(facts.Facts.Single().Value, Has.Length.LessThan(SafeLine.LongestLine + 40).And.EndWith("… (1048604 characters in all)"));
    }

    [Test]
    public void An_ordinary_value_is_kept_as_it_is()
    {
        var facts = new FactSheet();

        facts.Say("served", "yes: an ICR host (us.icr.io)");

        Assert.That(facts.Facts.Single(), Is.EqualTo(new Fact("served", "yes: an ICR host (us.icr.io)")));
    }
}
