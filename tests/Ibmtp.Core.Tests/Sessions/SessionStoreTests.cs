using Ibmtp.CloudIdentity;
using Ibmtp.Credentials;
using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Logging;
using Ibmtp.Secrets;
using Ibmtp.Sessions;
using Ibmtp.Testing.Keystores;
using Ibmtp.Tests.Support;
using Moq;

namespace Ibmtp.Tests.Sessions;

/// <summary>
/// The one session, kept in the keystore in use under a reserved host no registry has: the person's IAM
/// ID as its username and its JSON document as its secret; never shown by list, moved by migrate.
/// </summary>
[TestFixture]
public sealed class SessionStoreTests : TempHomeFixture
{
    private const string RefreshToken = "RefreshToken-kept-3e4f5a6b7c8d";
    private static readonly DateTimeOffset SignedIn = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly PersonSession Session = new(
        new Secret(RefreshToken), "session-7d1f", new Uri("https://iam.test.example/"),
        new TrustedProfile(TrustedProfileKind.Name, "builder", "account-1"), "account-1",
        "Jane Doe", "IBMid-2700001AB2", SignedIn, SignedIn.AddMinutes(50), false, SignedIn.AddHours(24));

    private static SessionStore Store(IKeystore keystore) => new(new Lazy<IKeystore>(keystore));

    [Test]
    public void The_reserved_host_is_in_RFCs_2606_invalid_domain()
    {
        Assert.That(SessionStore.Key.ToString(), Is.EqualTo("session.ibmtp.invalid"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_session_reads_back_as_it_was_saved(bool actsAsProfile)
    {
        var keystore = new InMemoryKeystore();
        var session = actsAsProfile ? Session with { Profile = null, ActsAsProfile = true, EndsAt = null } : Session;

        Store(keystore).Save(session);

        Assert.That(Store(keystore).Find(), Is.EqualTo(session));
    }

    [Test]
    public void A_session_IAM_named_no_session_ID_for_reads_back_too()
    {
        var keystore = new InMemoryKeystore();
        var session = Session with { SessionId = "" };

        Store(keystore).Save(session);

        Assert.That(Store(keystore).Find(), Is.EqualTo(session));
    }

    [Test]
    public void The_entry_is_the_persons_IAM_ID_and_a_versioned_document()
    {
        var keystore = new InMemoryKeystore();

        Store(keystore).Save(Session);

        var stored = keystore.Logins["session.ibmtp.invalid"];
        Assert.That(stored.Username, Is.EqualTo("IBMid-2700001AB2"));
        Assert.That(stored.Secret.Value, Does.StartWith("""{"format":1,"refreshToken":""" + $"\"{RefreshToken}\""));
    }

    [Test]
    public void In_the_file_keystore_the_session_is_encrypted_like_a_login()
    {
        Store(Home.Keystore()).Save(Session);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Store(Home.Keystore()).Find(), Is.EqualTo(Session));
            Assert.That(SecretForms.FilesHolding(Home.Root, RefreshToken), Is.Empty);
        }
    }

    [Test]
    public void Without_a_session_there_is_nothing_to_find_or_remove()
    {
        var keystore = new InMemoryKeystore();

        Assert.That(Store(keystore).Find(), Is.Null);
        Assert.That(Store(keystore).Remove(), Is.False);
    }

    [TestCase("not json")]
    [TestCase("""{"format":2,"refreshToken":"r"}""")]
    [TestCase("""{"format":1}""")]
    [TestCase("""{"format":1,"refreshToken":"r","sessionId":"s","iamUrl":"https://iam.test.example/","personName":"n","personIamId":"IBMid-2700001AB2","loggedInAt":"2026-12-07T09:00:00.0000000+00:00","renewedAt":"2026-12-07T09:00:00.0000000+00:00"}""")]
    [TestCase("""{"format":1,"refreshToken":"r","sessionId":"s","iamUrl":"https://iam.test.example/","profile":{"kind":"team","value":"x"},"personName":"n","personIamId":"IBMid-2700001AB2","loggedInAt":"2026-12-07T09:00:00.0000000+00:00","renewedAt":"2026-12-07T09:00:00.0000000+00:00"}""")]
    [TestCase("""{"format":1,"refreshToken":"r","sessionId":"s","iamUrl":"http://iam.test.example/","profile":{"kind":"id","value":"Profile-1"},"personName":"n","personIamId":"IBMid-2700001AB2","loggedInAt":"2026-12-07T09:00:00.0000000+00:00","renewedAt":"2026-12-07T09:00:00.0000000+00:00"}""")]
    [TestCase("""{"format":1,"refreshToken":"r","sessionId":"s","iamUrl":"https://iam.test.example/","profile":{"kind":"id","value":"Profile-1"},"personName":"n","personIamId":"IBMid-2700001AB2","loggedInAt":"yesterday","renewedAt":"2026-12-07T09:00:00.0000000+00:00"}""")]
    public void A_damaged_entry_is_one_line_telling_the_person_to_sign_in_again(string document)
    {
        var keystore = new InMemoryKeystore();
        keystore.Logins["session.ibmtp.invalid"] = new StoredLogin("IBMid-2700001AB2", new Secret(document));

        var error = Assert.Throws<DamagedSessionException>(() => Store(keystore).Find());

        Assert.That(error.Message, Does.StartWith("the sign-in session kept in the keystore is damaged (").And.EndWith("); run docker-credential-ibmtp login to sign in again"));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void An_entry_whose_username_is_not_the_persons_IAM_ID_is_damaged()
    {
        var keystore = new InMemoryKeystore();
        Store(keystore).Save(Session);
        keystore.Logins["session.ibmtp.invalid"] = keystore.Logins["session.ibmtp.invalid"] with { Username = "someone-else" };

        Assert.That(() => Store(keystore).Find(), Throws.TypeOf<DamagedSessionException>().With.Message.Contains("damaged"));
    }

    [Test]
    public void A_session_is_removed_only_while_it_is_still_the_one_seen()
    {
        var keystore = new InMemoryKeystore();
        Store(keystore).Save(Session with { RefreshToken = new Secret("RefreshToken-renewed-elsewhere") });

        Assert.That(Store(keystore).RemoveIfStill(Session), Is.False);
        Assert.That(Store(keystore).Find(), Is.Not.Null);

        Store(keystore).Save(Session);
        Assert.That(Store(keystore).RemoveIfStill(Session), Is.True);
        Assert.That(keystore.Logins, Is.Empty);
    }

    [Test]
    public void List_never_shows_the_session()
    {
        var keystore = new InMemoryKeystore();
        Store(keystore).Save(Session);
        keystore.Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("saved-api-key")));

        var listed = Credentials(keystore).List();

        Assert.That(listed, Is.EqualTo(new Dictionary<string, string> { ["us.icr.io"] = "Profile-1" }));
    }

    [Test]
    public void No_registry_command_reads_writes_or_erases_the_session_even_where_its_host_is_served()
    {
        var keystore = new InMemoryKeystore();
        Store(keystore).Save(Session);
        var credentials = Credentials(keystore, new ServedHosts([SessionStore.Key]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(credentials.Find("session.ibmtp.invalid"), Is.Null, "get");
            Assert.That(() => credentials.Save("session.ibmtp.invalid", "IBMid-x", new Secret("x")), Throws.TypeOf<HelperException>(), "store");
            Assert.That(credentials.Remove("session.ibmtp.invalid"), Is.False, "erase");
            Assert.That(Store(keystore).Find(), Is.EqualTo(Session));
        }
    }

    [Test]
    public void Keystore_migrate_moves_the_session_with_the_logins()
    {
        var source = new InMemoryKeystore();
        var target = new InMemoryKeystore();
        Store(source).Save(Session);
        source.Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("saved-api-key")));

        KeystoreMigration.Move(source, target, _ => { });

        Assert.That(Store(target).Find(), Is.EqualTo(Session));
        Assert.That(source.Logins, Is.Empty);
    }

    private static RegistryHost Host(string address) => RegistryHost.TryParse(address, out var host) ? host : throw new ArgumentException(address);

    private static CredentialService Credentials(InMemoryKeystore keystore, ServedHosts? served = null) =>
        new(served ?? new ServedHosts([]), [new KeystoreSource(new Lazy<IKeystore>(keystore))], new Lazy<IKeystore>(keystore), HelperLog.Silent());
}
