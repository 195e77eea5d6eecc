using Ibmtp.Keystores;
using Ibmtp.Keystores.Pass;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Moq;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Keystores.Pass;

/// <summary>The keystore's side of pass: entry names, what goes to pass and how, what its failures become. pass itself is faked.</summary>
[TestFixture]
public class PassKeystoreTests : TempHomeFixture
{
    private const string DistinctiveSecret = "Secret-0e5f7a9c31b84d26a1c3f4de";

    private Mock<IPassProgram> _pass = null!;

    private readonly List<string> _warnings = [];

    private string StoreFolder => Path.Combine(Home.Root, ".password-store");

    [SetUp]
    public void InitialiseTheStore()
    {
        _pass = new Mock<IPassProgram>(MockBehavior.Strict);
        _pass.Setup(pass => pass.RequireInstalled());
        _warnings.Clear();
        Home.WriteFile(".password-store/.gpg-id", "ops@example.com # the team's key\n");
    }

    private PassKeystore Keystore() => new(new PassEnvironment(Home.Environment), _pass.Object, new WriteLock(() => Home.Paths.DataFolder), _warnings.Add);

    private string EntryFile(string host) => Path.Combine(StoreFolder, "docker-credential-ibmtp", $"{host}.gpg");

    /// <summary>An entry file as pass leaves it; its contents are what the fake pass shows.</summary>
    private void Stored(string host, string username, string secret)
    {
        Home.WriteFile($".password-store/docker-credential-ibmtp/{host}.gpg", "encrypted");
        _pass.Setup(pass => pass.Run(new[] { "show", $"docker-credential-ibmtp/{host}" }, null))
            .Returns(new PassResult(0, $"{secret}\nusername: {username}\n", ""));
    }

    [TestCase("us.icr.io")]
    [TestCase("localhost:5000")]
    public void Save_hands_the_entry_to_pass_insert_on_stdin_and_never_in_its_arguments(string host)
    {
        IReadOnlyList<string>? arguments = null;
        string? input = null;
        _pass.Setup(pass => pass.Run(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string?>()))
            .Callback((IReadOnlyList<string> given, string? stdin) => (arguments, input) = (given, stdin))
            .Returns(new PassResult(0, "", ""));

        Keystore().Save(Host(host), new StoredLogin("iamapikey", new Secret(DistinctiveSecret)));

        Assert.That(arguments, Is.EqualTo(new[] { "insert", "--multiline", "--force", $"docker-credential-ibmtp/{host}" }));
        Assert.That(input, Is.EqualTo($"{DistinctiveSecret}\nusername: iamapikey\n"));
    }

    [Test]
    public void Save_takes_the_write_lock_in_the_data_folder_while_pass_runs()
    {
        var lockFile = Path.Combine(Home.Paths.DataFolder, WriteLock.FileName);
        var lockedWhileRunning = false;
        _pass.Setup(pass => pass.Run(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string?>()))
            .Callback(() => lockedWhileRunning = Assert.Throws<Ibmtp.Files.LockTimeoutException>(
                () => Ibmtp.Files.FileLock.Acquire(lockFile, TimeSpan.Zero, TimeProvider.System)) is not null)
            .Returns(new PassResult(0, "", ""));

        Keystore().Save(Host("us.icr.io"), new StoredLogin("iamapikey", new Secret(DistinctiveSecret)));

        Assert.That(lockedWhileRunning, Is.True);
    }

    [Test]
    public void A_secret_with_a_line_break_runs_nothing()
    {
        Assert.Throws<HelperException>(() => Keystore().Save(Host("us.icr.io"), new StoredLogin("iamapikey", new Secret("two\nlines"))));

        _pass.Verify(pass => pass.Run(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string?>()), Times.Never);
    }

    [Test]
    public void A_failed_insert_is_one_line_with_gpgs_reason_and_the_fix_and_no_secret()
    {
        _pass.Setup(pass => pass.Run(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string?>()))
            .Returns(new PassResult(1, "Enter contents of docker-credential-ibmtp/us.icr.io and press Ctrl+D when finished:\n\n",
                $"gpg: ops@example.com: skipped: No public key\ngpg: [stdin]: encryption failed: No public key\nPassword encryption aborted.\n"));

        var failure = Assert.Throws<HelperException>(() => Keystore().Save(Host("us.icr.io"), new StoredLogin("iamapikey", new Secret(DistinctiveSecret))));

        Assert.That(failure!.Message, Is.EqualTo(
            "pass could not save docker-credential-ibmtp/us.icr.io (gpg: ops@example.com: skipped: No public key; gpg: [stdin]: encryption failed: No public key; Password encryption aborted.): "
            + "check that the GnuPG key the store is initialised for is in your keyring and valid (gpg --list-keys), or run pass init <gpg-id> with one that is"));
    }

    [Test]
    public void Pass_echoing_the_secret_on_stderr_has_it_blanked_from_the_message()
    {
        _pass.Setup(pass => pass.Run(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string?>()))
            .Returns(new PassResult(2, "", $"gpg: cannot encrypt '{DistinctiveSecret}'\n"));

        var failure = Assert.Throws<HelperException>(() => Keystore().Save(Host("us.icr.io"), new StoredLogin("iamapikey", new Secret(DistinctiveSecret))));

        Assert.That(failure!.Message, Does.Not.Contain(DistinctiveSecret).And.Contain(SecretRedactor.Mask));
    }

    [Test]
    public void An_uninitialised_store_says_to_run_pass_init_and_runs_nothing()
    {
        File.Delete(Path.Combine(StoreFolder, ".gpg-id"));

        var failures = new TestDelegate[]
        {
            () => Keystore().Save(Host("us.icr.io"), new StoredLogin("iamapikey", new Secret(DistinctiveSecret))),
            () => Keystore().Find(Host("us.icr.io")),
            () => Keystore().Remove(Host("us.icr.io")),
            () => Keystore().Usernames(),
            () => Keystore().Check(),
        }.Select(call => Assert.Throws<HelperException>(call)!.Message);

        Assert.That(failures, Is.All.EqualTo($"the password store {StoreFolder} is not initialised: run pass init <gpg-id> (gpg --list-secret-keys lists yours), or set IBMTP_KEYSTORE=file"));
        _pass.Verify(pass => pass.Run(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string?>()), Times.Never);
    }

    [Test]
    public void A_gpg_id_for_our_folder_alone_or_PASSWORD_STORE_KEY_initialises_it_as_they_do_for_pass()
    {
        File.Delete(Path.Combine(StoreFolder, ".gpg-id"));
        Home.WriteFile(".password-store/docker-credential-ibmtp/.gpg-id", "ci@example.com\n");

        Assert.That(Keystore().Check(), Does.Contain("encrypted for ci@example.com"));

        File.Delete(Path.Combine(StoreFolder, "docker-credential-ibmtp", ".gpg-id"));
        Home.Variables["PASSWORD_STORE_KEY"] = "0xABCDEF";

        Assert.That(Keystore().Check(), Does.Contain("encrypted for 0xABCDEF (PASSWORD_STORE_KEY)"));
    }

    [Test]
    public void Pass_not_installed_is_reported_before_anything_else()
    {
        _pass.Setup(pass => pass.RequireInstalled()).Throws(new HelperException("pass is not installed"));
        File.Delete(Path.Combine(StoreFolder, ".gpg-id"));

        Assert.That(Assert.Throws<HelperException>(() => Keystore().Find(Host("us.icr.io")))!.Message, Is.EqualTo("pass is not installed"));
    }

    [Test]
    public void Find_reads_the_entry_through_pass_show()
    {
        Stored("localhost:5000", "iamapikey", DistinctiveSecret);

        Assert.That(Keystore().Find(Host("http://LOCALHOST:5000/")), Is.EqualTo(new StoredLogin("iamapikey", new Secret(DistinctiveSecret))));
    }

    [Test]
    public void Find_of_a_host_without_an_entry_is_null_without_running_pass()
    {
        Assert.That(Keystore().Find(Host("us.icr.io")), Is.Null);
    }

    [Test]
    public void A_failed_decryption_says_which_entry_and_what_to_check()
    {
        Home.WriteFile(".password-store/docker-credential-ibmtp/us.icr.io.gpg", "encrypted");
        _pass.Setup(pass => pass.Run(new[] { "show", "docker-credential-ibmtp/us.icr.io" }, null))
            .Returns(new PassResult(2, "", "gpg: decryption failed: No secret key\n"));

        var failure = Assert.Throws<UnreadableEntryException>(() => Keystore().Find(Host("us.icr.io")));

        Assert.That(failure!.Message, Is.EqualTo(
            "pass could not decrypt docker-credential-ibmtp/us.icr.io (gpg: decryption failed: No secret key): check that the secret key it was encrypted for is in your keyring (gpg --list-secret-keys) and that gpg-agent can ask for its passphrase"));
    }

    [Test]
    public void An_entry_without_a_username_line_says_how_to_add_one()
    {
        Home.WriteFile(".password-store/docker-credential-ibmtp/us.icr.io.gpg", "encrypted");
        _pass.Setup(pass => pass.Run(new[] { "show", "docker-credential-ibmtp/us.icr.io" }, null))
            .Returns(new PassResult(0, $"{DistinctiveSecret}\n", ""));

        var failure = Assert.Throws<UnreadableEntryException>(() => Keystore().Find(Host("us.icr.io")));

        Assert.That(failure!.Message, Does.Contain("pass edit docker-credential-ibmtp/us.icr.io").And.Not.Contain(DistinctiveSecret));
    }

    [Test]
    public void Remove_of_a_host_without_an_entry_is_false_and_runs_nothing()
    {
        Assert.That(Keystore().Remove(Host("us.icr.io")), Is.False);
    }

    [Test]
    public void Remove_runs_pass_rm_on_that_entry()
    {
        Home.WriteFile(".password-store/docker-credential-ibmtp/us.icr.io.gpg", "encrypted");
        _pass.Setup(pass => pass.Run(new[] { "rm", "--force", "docker-credential-ibmtp/us.icr.io" }, null)).Returns(new PassResult(0, "", ""));

        Assert.That(Keystore().Remove(Host("us.icr.io")), Is.True);

        _pass.VerifyAll();
    }

    [Test]
    public void Usernames_lists_every_host_under_our_folder_and_nothing_else()
    {
        Stored("us.icr.io", "iamapikey", "secret-us");
        Stored("localhost:5000", "Profile-1", "secret-local");
        Home.WriteFile(".password-store/email/us.icr.io.gpg", "someone else's");
        Home.WriteFile(".password-store/docker-credential-ibmtp/US.ICR.IO.gpg", "not a name we write");
        Home.WriteFile(".password-store/docker-credential-ibmtp/de.icr.io.txt", "not an entry");
        Home.WriteFile(".password-store/docker-credential-ibmtp/nested/de.icr.io.gpg", "not ours");

        Assert.That(Keystore().Usernames(), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["us.icr.io"] = "iamapikey",
            ["localhost:5000"] = "Profile-1",
        }));
    }

    [Test]
    public void Usernames_of_an_empty_store_is_empty()
    {
        Assert.That(Keystore().Usernames(), Is.Empty);
    }

    [Test]
    public void Check_names_the_store_its_gpg_id_and_the_number_of_logins()
    {
        Stored("us.icr.io", "iamapikey", "secret-us");

        Assert.That(Keystore().Check(), Is.EqualTo($"pass store {StoreFolder}, encrypted for ops@example.com ({StoreFolder}/.gpg-id), 1 login(s)"));
    }

    [Test]
    public void Usernames_reports_an_entry_gpg_cannot_decrypt_and_lists_the_others()
    {
        Stored("us.icr.io", "iamapikey", "secret-us");
        Home.WriteFile(".password-store/docker-credential-ibmtp/de.icr.io.gpg", "encrypted for a key that is gone");
        _pass.Setup(pass => pass.Run(new[] { "show", "docker-credential-ibmtp/de.icr.io" }, null))
            .Returns(new PassResult(2, "", "gpg: decryption failed: No secret key\n"));

        Assert.That(Keystore().Usernames(), Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "iamapikey" }));
        Assert.That(_warnings, Is.EqualTo(new[]
        {
            "skipped docker-credential-ibmtp/de.icr.io: pass could not decrypt docker-credential-ibmtp/de.icr.io (gpg: decryption failed: No secret key): check that the secret key it was encrypted for is in your keyring (gpg --list-secret-keys) and that gpg-agent can ask for its passphrase",
        }));
    }

    [Test]
    public void An_entry_that_is_a_symbolic_link_is_never_handed_to_pass()
    {
        Stored("us.icr.io", "iamapikey", "secret-us");
        var elsewhere = Home.WriteFile("elsewhere.gpg", "someone else's entry");
        File.CreateSymbolicLink(EntryFile("de.icr.io"), elsewhere);

        var failure = Assert.Throws<UnreadableEntryException>(() => Keystore().Find(Host("de.icr.io")));
        var listed = Keystore().Usernames();

        Assert.That(failure!.Message, Is.EqualTo(
            "the password store entry docker-credential-ibmtp/de.icr.io is a symbolic link, which the helper never follows: replace it with the entry itself (pass rm docker-credential-ibmtp/de.icr.io, then log in again)"));
        Assert.That(listed, Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "iamapikey" }));
        Assert.That(_warnings, Is.EqualTo(new[] { $"skipped docker-credential-ibmtp/de.icr.io: {failure.Message}" }));
        _pass.Verify(pass => pass.Run(new[] { "show", "docker-credential-ibmtp/de.icr.io" }, null), Times.Never);
    }

    [Test]
    public void An_entry_that_is_a_FIFO_is_never_handed_to_pass_and_nothing_waits_on_it()
    {
        Stored("us.icr.io", "iamapikey", "secret-us");
        SpecialFiles.MakeFifo(EntryFile("de.icr.io"));

        var listed = SpecialFiles.Within(TimeSpan.FromSeconds(10), Keystore().Usernames);

        Assert.That(listed, Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "iamapikey" }));
        Assert.That(_warnings, Is.EqualTo(new[]
        {
            "skipped docker-credential-ibmtp/de.icr.io: the password store entry docker-credential-ibmtp/de.icr.io is not a plain file (a FIFO, a device, a socket or a folder), which the helper never reads: remove it, then log in again",
        }));
        _pass.Verify(pass => pass.Run(new[] { "show", "docker-credential-ibmtp/de.icr.io" }, null), Times.Never);
    }

    [Test]
    public void An_entry_larger_than_any_login_is_reported_by_name_and_the_others_listed()
    {
        Stored("us.icr.io", "iamapikey", "secret-us");
        Home.WriteFile(".password-store/docker-credential-ibmtp/de.icr.io.gpg", "huge");
        _pass.Setup(pass => pass.Run(new[] { "show", "docker-credential-ibmtp/de.icr.io" }, null))
            .Returns(new PassResult(137, "", "", OutputTooLarge: true));

        var failure = Assert.Throws<UnreadableEntryException>(() => Keystore().Find(Host("de.icr.io")));

        Assert.That(failure!.Message, Is.EqualTo(
            "docker-credential-ibmtp/de.icr.io in the password store holds more than 256 KiB, far more than a login: look at it with pass edit docker-credential-ibmtp/de.icr.io, or log in again to replace it"));
        Assert.That(Keystore().Usernames(), Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "iamapikey" }));
    }

    [Test]
    public void A_pass_that_outlives_the_deadline_fails_the_listing_instead_of_being_skipped()
    {
        Home.WriteFile(".password-store/docker-credential-ibmtp/de.icr.io.gpg", "encrypted");
        _pass.Setup(pass => pass.Run(new[] { "show", "docker-credential-ibmtp/de.icr.io" }, null))
            .Throws(new HelperException("pass show docker-credential-ibmtp/de.icr.io had not finished when IBMTP_TIMEOUT (1 s) ran out"));

        Assert.Throws<HelperException>(() => Keystore().Usernames());
        Assert.That(_warnings, Is.Empty);
    }

    [Test]
    public void Save_never_writes_through_a_link_where_the_entry_is()
    {
        var elsewhere = Home.WriteFile("elsewhere.gpg", "another entry");
        Directory.CreateDirectory(Path.GetDirectoryName(EntryFile("us.icr.io"))!);
        File.CreateSymbolicLink(EntryFile("us.icr.io"), elsewhere);

        Assert.Throws<UnreadableEntryException>(() => Keystore().Save(Host("us.icr.io"), new StoredLogin("iamapikey", new Secret(DistinctiveSecret))));

        _pass.Verify(pass => pass.Run(It.IsAny<IReadOnlyList<string>>(), It.IsAny<string?>()), Times.Never);
    }

    [Test]
    public void A_gpg_id_that_is_a_FIFO_is_an_error_not_a_hang()
    {
        File.Delete(Path.Combine(StoreFolder, ".gpg-id"));
        SpecialFiles.MakeFifo(Path.Combine(StoreFolder, ".gpg-id"));

        var failure = SpecialFiles.Within(TimeSpan.FromSeconds(10), () => Assert.Throws<HelperException>(() => Keystore().Check()));

        Assert.That(failure!.Message, Does.Contain(".gpg-id is not a regular file"));
    }
}
