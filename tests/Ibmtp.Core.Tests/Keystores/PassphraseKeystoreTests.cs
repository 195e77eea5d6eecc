using Ibmtp.Files;
using Ibmtp.Frontends.Docker;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Keystores;

/// <summary>
/// A keystore whose key is derived from IBMTP_KEYSTORE_PASSPHRASE. Deriving the key is slow on
/// purpose, so one keystore is saved for the whole fixture and the tests only read it.
/// </summary>
[TestFixture]
public class PassphraseKeystoreTests
{
    private const string Passphrase = "correct horse battery staple";
    private const string DistinctiveSecret = "Secret-passphrase-5d0b8e21c7a94f36";

    private TempHome _home = null!;
    private IReadOnlyDictionary<string, string> _saved = null!;

    [OneTimeSetUp]
    public void SaveOneLogin()
    {
        _home = new TempHome();
        _home.Keystore(Passphrase).Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret(DistinctiveSecret)));
        _saved = TempHome.Fingerprint(_home.Paths.DataFolder);
    }

    [OneTimeTearDown]
    public void DeleteHome() => _home.Dispose();

    [TearDown]
    public void NothingSavedChanged() =>
        Assert.That(TempHome.Fingerprint(_home.Paths.DataFolder), Is.EqualTo(_saved), "the keystore folder changed");

    /// <summary>A get reads the store twice (a person's session, then the host's login); the slow derivation is paid once.</summary>
    [Test]
    public void A_store_derives_its_key_once_however_often_it_is_read()
    {
        var keystore = _home.Keystore(Passphrase);
        var first = System.Diagnostics.Stopwatch.StartNew();
        keystore.Find(Host("de.icr.io"));
        first.Stop();
        var second = System.Diagnostics.Stopwatch.StartNew();
        var login = keystore.Find(Host("us.icr.io"));
        second.Stop();

        Assert.That(login?.Secret.Value, Is.EqualTo(DistinctiveSecret));
        Assert.That(second.Elapsed, Is.LessThan(first.Elapsed / 10), $"first read {first.Elapsed.TotalMilliseconds:0} ms");
    }

    [Test]
    public void A_keystore_asking_for_an_unbounded_key_derivation_is_refused_at_once()
    {
        using var planted = new TempHome();
        planted.Keystore(Passphrase).Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("planted-secret-6c1f")));
        var envelope = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(planted.KeystoreFile))!;
        // Five times the limit: without it this derivation alone would take most of a minute.
        envelope["iterations"] = 5 * 10_000_000;
        File.WriteAllText(planted.KeystoreFile, envelope.ToJsonString());
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<HelperException>(() => planted.Keystore(Passphrase).Find(Host("us.icr.io")));

        Assert.That(error.Message, Does.Contain("names no usable key"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void The_login_reads_back_with_the_same_passphrase()
    {
        Assert.That(_home.Keystore(Passphrase).Find(Host("us.icr.io")), Is.EqualTo(new StoredLogin("Profile-1", new Secret(DistinctiveSecret))));
    }

    [Test]
    public void No_key_file_is_written_and_no_file_holds_the_secret_or_the_passphrase()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_home.KeyFile, Does.Not.Exist);
            Assert.That(SecretForms.FilesHolding(_home.Paths.DataFolder, DistinctiveSecret), Is.Empty);
            Assert.That(SecretForms.FilesHolding(_home.Paths.DataFolder, Passphrase), Is.Empty);
        }
    }

    [Test]
    public void A_wrong_passphrase_is_reported_naming_the_file_and_how_to_recover_and_nothing_is_overwritten()
    {
        var keystore = _home.Keystore("wrong passphrase");

        var onRead = Assert.Throws<HelperException>(() => keystore.Find(Host("us.icr.io")));
        Assert.Throws<HelperException>(() => keystore.Save(Host("de.icr.io"), new StoredLogin("Profile-2", new Secret("secret-2"))));

        Assert.That(onRead.Message, Does.Contain(_home.KeystoreFile).And.Contain("IBMTP_KEYSTORE_PASSPHRASE").And.Contain("log in again"));
    }

    [Test]
    public void A_missing_passphrase_is_reported_naming_the_file_and_the_variable_to_set()
    {
        var keystore = _home.Keystore(passphrase: null);

        var onRead = Assert.Throws<HelperException>(() => keystore.Find(Host("us.icr.io")));
        Assert.Throws<HelperException>(() => keystore.Save(Host("de.icr.io"), new StoredLogin("Profile-2", new Secret("secret-2"))));

        Assert.That(onRead.Message, Does.Contain(_home.KeystoreFile).And.Contain("IBMTP_KEYSTORE_PASSPHRASE"));
    }

    [Test]
    public void The_helper_takes_the_passphrase_from_IBMTP_KEYSTORE_PASSPHRASE_or_an_at_file()
    {
        var passphraseFile = _home.WriteFile("secrets/passphrase", Passphrase + "\n");
        var environment = new Dictionary<string, string>(_home.Variables) { ["IBMTP_KEYSTORE_PASSPHRASE"] = "@" + passphraseFile };
        using var stdin = new MemoryStream("us.icr.io"u8.ToArray());

        var result = HelperRun.Run(new DictionaryEnvironment(environment), ["get"], stdin);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stdout);
        Assert.That(result.Stdout, Does.Contain($"\"Secret\":\"{DistinctiveSecret}\""));
    }

    [Test]
    public void Without_IBMTP_KEYSTORE_PASSPHRASE_the_helper_says_to_set_it()
    {
        var result = HelperRun.Run(_home, "list");

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain("IBMTP_KEYSTORE_PASSPHRASE").And.Contain(_home.KeystoreFile));
    }
}
