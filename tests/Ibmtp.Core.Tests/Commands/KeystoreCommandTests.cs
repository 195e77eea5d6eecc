using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Commands;

/// <summary><c>keystore migrate</c> refuses what it cannot do in one line on stderr, and changes nothing then.</summary>
[TestFixture]
public sealed class KeystoreCommandTests : TempHomeFixture
{
    private HelperResult Keystore(params string[] arguments) => HelperRun.Run(Home, ["keystore", .. arguments], []);

    [SetUp]
    public void StoreOneLogin() => HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-kept", "kept-secret"));

    [TestCase(new[] { "migrate" }, "Option '--to' is required. (see keystore --help)")]
    [TestCase(new[] { "migrate", "--to", "vault" }, "--to 'vault': use file, secretservice, pass or keychain")]
    [TestCase(new[] { "migrate", "--to", "file" }, "the logins are already in file; name another store with --to")]
    [TestCase(new[] { "migrate", "--from", "pass", "--to", "pass" }, "the logins are already in pass; name another store with --to")]
    public void A_move_that_cannot_be_made_is_one_line_on_stderr_and_the_login_stays(string[] arguments, string message)
    {
        var before = File.ReadAllBytes(Home.KeystoreFile);

        var result = Keystore(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Is.EqualTo($"docker-credential-ibmtp keystore: {message}\n"));
        Assert.That(File.ReadAllBytes(Home.KeystoreFile), Is.EqualTo(before));
    }

    [Test]
    public void A_store_that_cannot_be_reached_stops_the_move_and_the_source_keeps_its_login()
    {
        var result = Keystore("migrate", "--to", "secretservice");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith("docker-credential-ibmtp keystore: the secretservice keystore needs a D-Bus session bus"));
        Assert.That(HelperRun.Run(Home, "get", "us.icr.io").Stdout, Does.Contain("Profile-kept"));
    }

    [Test]
    public void Store_with_a_keystore_setting_that_names_no_store_fails_and_writes_nothing()
    {
        var before = File.ReadAllBytes(Home.KeystoreFile);
        Home.Variables["IBMTP_KEYSTORE"] = "vault";

        var result = HelperRun.Store(Home, "de.icr.io", "Profile-de", "de-secret");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.Contain("IBMTP_KEYSTORE").And.Contain("use file, secretservice, pass or keychain"));
        Assert.That(File.ReadAllBytes(Home.KeystoreFile), Is.EqualTo(before));
    }
}
