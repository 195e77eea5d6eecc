using Ibmtp.Keystores;
using Ibmtp.Keystores.Pass;
using Ibmtp.Secrets;

namespace Ibmtp.Tests.Keystores.Pass;

[TestFixture]
public class PassEntryTests
{
    private const string DistinctiveSecret = "Secret-4b1d93e07c2a45f8b6d0e1aa";

    [Test]
    public void An_entry_is_the_secret_on_the_first_line_then_the_username()
    {
        var entry = PassEntry.Write(new StoredLogin("iamapikey", new Secret(DistinctiveSecret)));

        Assert.That(entry, Is.EqualTo($"{DistinctiveSecret}\nusername: iamapikey\n"));
    }

    [Test]
    public void An_entry_reads_back_as_the_login_it_was_written_from()
    {
        var login = new StoredLogin("Profile-11111111-2222-3333-4444-555555555555", new Secret("key with spaces: and a colon"));

        Assert.That(PassEntry.Read(PassEntry.Write(login)), Is.EqualTo(login));
    }

    [Test]
    public void An_entry_edited_by_hand_keeps_its_first_line_as_the_secret_and_finds_the_username_among_other_fields()
    {
        var login = PassEntry.Read($"{DistinctiveSecret}\r\nurl: https://us.icr.io\r\nUsername:  iamapikey \r\nnotes\r\n");

        Assert.That(login, Is.EqualTo(new StoredLogin("iamapikey", new Secret(DistinctiveSecret))));
    }

    [TestCase("")]
    [TestCase(DistinctiveSecret)]
    [TestCase(DistinctiveSecret + "\nurl: https://us.icr.io\n")]
    [TestCase("username: iamapikey\n")]
    public void An_entry_without_a_username_line_after_the_secret_holds_no_login(string text)
    {
        Assert.That(PassEntry.Read(text), Is.Null);
    }

    [TestCase("\n")]
    [TestCase("\r")]
    [TestCase("\r\n")]
    public void A_secret_with_a_line_break_is_refused_with_a_message_naming_the_other_stores(string lineBreak)
    {
        var secret = new Secret($"{DistinctiveSecret}{lineBreak}second-line");

        var refusal = Assert.Throws<HelperException>(() => PassEntry.Write(new StoredLogin("iamapikey", secret)));

        Assert.That(refusal!.Message, Does.Contain("line break").And.Contain("IBMTP_KEYSTORE=file or secretservice")
            .And.Not.Contain(DistinctiveSecret).And.Not.Contain("\n"));
    }

    [Test]
    public void A_username_with_a_line_break_is_refused()
    {
        var refusal = Assert.Throws<HelperException>(() => PassEntry.Write(new StoredLogin("iamapikey\nusername: other", new Secret(DistinctiveSecret))));

        Assert.That(refusal!.Message, Does.Contain("username has a line break").And.Not.Contain(DistinctiveSecret));
    }
}
