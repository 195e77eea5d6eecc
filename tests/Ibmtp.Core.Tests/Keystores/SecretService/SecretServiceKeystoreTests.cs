using System.Text;
using Moq;
using Ibmtp.Keystores;
using Ibmtp.Keystores.SecretService;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Keystores.SecretService;

[TestFixture]
public class SecretServiceKeystoreTests : TempHomeFixture
{
    private InMemorySecretItems _items = null!;
    private SecretServiceKeystore _keystore = null!;

    [SetUp]
    public void SetUp()
    {
        _items = new InMemorySecretItems();
        _keystore = new SecretServiceKeystore(_items, Writes);
    }

    private WriteLock Writes => new(() => Home.Paths.DataFolder);

    private static StoredLogin Login(string username, string secret) => new(username, new Secret(secret));

    [Test]
    public void A_stored_login_is_an_item_with_the_application_server_and_username_attributes_and_a_label_a_person_understands()
    {
        _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one"));

        var item = _items.Items.Single();
        Assert.That(item.Attributes, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["application"] = "docker-credential-ibmtp",
            ["server"] = "us.icr.io",
            ["username"] = "Profile-1",
        }));
        Assert.That(item.Label, Is.EqualTo("docker-credential-ibmtp: us.icr.io"));
        Assert.That(Encoding.UTF8.GetString(item.Secret), Is.EqualTo("secret-one"));
    }

    [Test]
    public void Find_returns_the_stored_username_and_secret()
    {
        _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one"));

        var found = _keystore.Find(Host("us.icr.io"));

        Assert.That(found?.Username, Is.EqualTo("Profile-1"));
        Assert.That(found?.Secret.Value, Is.EqualTo("secret-one"));
    }

    [Test]
    public void An_item_a_keyring_answers_for_another_host_is_no_login_for_the_host_asked()
    {
        var items = new Mock<ISecretItems>();
        var otherHosts = new SecretItem(new Dictionary<string, string>
        {
            ["application"] = "docker-credential-ibmtp",
            ["server"] = "us.icr.io",
            ["username"] = "Profile-1",
        }, Locked: false, Encoding.UTF8.GetBytes("secret-one"));
        items.Setup(i => i.Search(It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<bool>())).Returns([otherHosts]);

        var keystore = new SecretServiceKeystore(items.Object, Writes);

        Assert.That(keystore.Find(Host("session.ibmtp.invalid")), Is.Null);
        Assert.That(keystore.Find(Host("us.icr.io"))?.Username, Is.EqualTo("Profile-1"));
        Assert.That(keystore.Remove(Host("session.ibmtp.invalid")), Is.False);
        items.Verify(i => i.Clear(It.IsAny<IReadOnlyDictionary<string, string>>()), Times.Never);
    }

    [Test]
    public void A_new_login_for_a_host_replaces_the_old_one_even_with_another_username_and_leaves_other_hosts()
    {
        _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one"));
        _keystore.Save(Host("de.icr.io"), Login("Profile-de", "secret-de"));

        _keystore.Save(Host("us.icr.io"), Login("Profile-2", "secret-two"));

        Assert.That(_items.Items, Has.Count.EqualTo(2));
        Assert.That(_keystore.Find(Host("us.icr.io"))?.Secret.Value, Is.EqualTo("secret-two"));
        Assert.That(_keystore.Usernames(), Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "Profile-2", ["de.icr.io"] = "Profile-de" }));
    }

    [Test]
    public void Save_stores_and_deletes_the_hosts_other_items_while_it_holds_the_keystores_write_lock()
    {
        _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one"));
        var lockFile = Path.Combine(Home.Paths.DataFolder, WriteLock.FileName);
        var items = new Mock<ISecretItems>(MockBehavior.Strict);
        var heldWhile = new List<string>();
        items.Setup(i => i.DefaultCollection()).Returns(_items.Default);
        items.Setup(i => i.Store(It.IsAny<SecretCollection>(), It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<string>(), It.IsAny<byte[]>()))
            .Callback((SecretCollection collection, IReadOnlyDictionary<string, string> attributes, string label, byte[] secret) =>
            {
                heldWhile.Add(Held(lockFile) ? "store" : "store unlocked");
                _items.Store(collection, attributes, label, secret);
            });
        items.Setup(i => i.Search(It.IsAny<IReadOnlyDictionary<string, string>>(), It.IsAny<bool>()))
            .Returns((IReadOnlyDictionary<string, string> attributes, bool withSecrets) => _items.Search(attributes, withSecrets));
        items.Setup(i => i.Clear(It.IsAny<IReadOnlyDictionary<string, string>>()))
            .Returns((IReadOnlyDictionary<string, string> attributes) =>
            {
                heldWhile.Add(Held(lockFile) ? "clear" : "clear unlocked");
                return _items.Clear(attributes);
            });

        new SecretServiceKeystore(items.Object, Writes).Save(Host("us.icr.io"), Login("Profile-2", "secret-two"));

        Assert.That(heldWhile, Is.EqualTo(new[] { "store", "clear" }));
        Assert.That(Held(lockFile), Is.False, "released once the save is done");
    }

    [Test]
    public void An_item_for_the_host_without_a_username_is_refused_on_one_line_that_says_how_to_delete_it()
    {
        _items.Store(_items.Default!, new Dictionary<string, string> { ["application"] = "docker-credential-ibmtp", ["server"] = "us.icr.io" }, "not ours", "secret-not-ours"u8.ToArray());

        var error = Assert.Throws<HelperException>(() => _keystore.Find(Host("us.icr.io")))!;

        Assert.That(error.Message, Is.EqualTo("the Secret Service item for us.icr.io has no username, so it was not saved by this helper: delete it (secret-tool clear application docker-credential-ibmtp server us.icr.io) and log in again"));
        Assert.That(_keystore.Usernames(), Is.Empty);
    }

    [Test]
    public void Beside_an_item_without_a_username_our_login_for_the_host_is_found()
    {
        _items.Store(_items.Default!, new Dictionary<string, string> { ["application"] = "docker-credential-ibmtp", ["server"] = "us.icr.io" }, "not ours", "secret-not-ours"u8.ToArray());
        _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one"));

        Assert.That(_keystore.Find(Host("us.icr.io")), Is.EqualTo(Login("Profile-1", "secret-one")));
    }

    [Test]
    public void A_host_not_stored_is_not_found_and_its_removal_answers_false()
    {
        _keystore.Save(Host("de.icr.io"), Login("Profile-de", "secret-de"));

        Assert.That(_keystore.Find(Host("us.icr.io")), Is.Null);
        Assert.That(_keystore.Remove(Host("us.icr.io")), Is.False);
        Assert.That(_items.Items, Has.Count.EqualTo(1));
    }

    [Test]
    public void Remove_deletes_only_that_hosts_item()
    {
        _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one"));
        _keystore.Save(Host("de.icr.io"), Login("Profile-de", "secret-de"));

        Assert.That(_keystore.Remove(Host("us.icr.io")), Is.True);

        Assert.That(_keystore.Usernames().Keys, Is.EquivalentTo(new[] { "de.icr.io" }));
    }

    [Test]
    public void List_shows_only_our_items_not_other_applications_with_a_server_attribute()
    {
        _items.Store(_items.Default!, new Dictionary<string, string> { ["server"] = "us.icr.io", ["username"] = "someone", ["docker_cli"] = "1" }, "docker", "x"u8.ToArray());
        _keystore.Save(Host("de.icr.io"), Login("Profile-de", "secret-de"));

        Assert.That(_keystore.Usernames(), Is.EquivalentTo(new Dictionary<string, string> { ["de.icr.io"] = "Profile-de" }));
        Assert.That(_keystore.Find(Host("us.icr.io")), Is.Null);
    }

    [Test]
    public void A_locked_keyring_is_named_with_how_to_unlock_it_and_nothing_is_stored()
    {
        _items.Default = _items.Default! with { Locked = true };

        var error = Assert.Throws<HelperException>(() => _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one")))!;

        Assert.That(error.Message, Does.StartWith("the Secret Service keyring 'Login' is locked: unlock it"));
        Assert.That(error.Message, Does.Contain("gnome-keyring-daemon --unlock"));
        Assert.That(_items.Items, Is.Empty);
    }

    [Test]
    public void A_login_in_a_locked_keyring_is_reported_locked_on_get_and_erase_but_still_listed()
    {
        _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one"));
        _items.Default = _items.Default! with { Locked = true };

        Assert.That(Assert.Throws<HelperException>(() => _keystore.Find(Host("us.icr.io")))!.Message, Does.Contain("is locked: unlock it"));
        Assert.That(Assert.Throws<HelperException>(() => _keystore.Remove(Host("us.icr.io")))!.Message, Does.Contain("is locked: unlock it"));
        Assert.That(_items.Items, Has.Count.EqualTo(1));
        Assert.That(_keystore.Usernames(), Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "Profile-1" }));
    }

    [Test]
    public void Without_a_default_keyring_store_says_how_to_create_one()
    {
        _items.Default = null;

        var error = Assert.Throws<HelperException>(() => _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one")))!;

        Assert.That(error.Message, Does.StartWith("the Secret Service has no default keyring"));
        Assert.That(error.Message, Does.EndWith("or set IBMTP_KEYSTORE=pass or file"));
    }

    [Test]
    public void Without_a_session_bus_every_call_fails_with_one_line_naming_pass_and_file()
    {
        var keystore = new SecretServiceKeystore(null, Writes);
        var expected = "the secretservice keystore needs a D-Bus session bus, and there is none (DBUS_SESSION_BUS_ADDRESS is not set): on a headless machine set IBMTP_KEYSTORE=pass or file";

        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<HelperException>(() => keystore.Find(Host("us.icr.io")))!.Message, Is.EqualTo(expected));
            Assert.That(Assert.Throws<HelperException>(() => keystore.Save(Host("us.icr.io"), Login("u", "s")))!.Message, Is.EqualTo(expected));
            Assert.That(Assert.Throws<HelperException>(() => keystore.Remove(Host("us.icr.io")))!.Message, Is.EqualTo(expected));
            Assert.That(Assert.Throws<HelperException>(() => keystore.Usernames())!.Message, Is.EqualTo(expected));
            Assert.That(Assert.Throws<HelperException>(() => keystore.Check())!.Message, Is.EqualTo(expected));
        });
    }

    [Test]
    public void A_secret_service_that_cannot_be_reached_is_one_line_with_its_reason_and_the_fix()
    {
        var items = new Mock<ISecretItems>();
        items.Setup(i => i.DefaultCollection()).Throws(new SecretServiceException("The name org.freedesktop.secrets was not provided by any .service files"));

        var error = Assert.Throws<HelperException>(() => new SecretServiceKeystore(items.Object, Writes).Check())!;

        Assert.That(error.Message, Is.EqualTo("the Secret Service failed (The name org.freedesktop.secrets was not provided by any .service files): start a keyring (gnome-keyring-daemon, or KeePassXC with its Secret Service integration), or set IBMTP_KEYSTORE=pass or file"));
    }

    [Test]
    public void Check_names_the_keyring_and_counts_our_logins()
    {
        _keystore.Save(Host("us.icr.io"), Login("Profile-1", "secret-one"));

        Assert.That(_keystore.Check(), Is.EqualTo("Secret Service, keyring 'Login' (unlocked), 1 login(s)"));
    }

    private static bool Held(string lockFile)
    {
        try
        {
            Ibmtp.Files.FileLock.Acquire(lockFile, TimeSpan.Zero, TimeProvider.System).Dispose();
            return false;
        }
        catch (Ibmtp.Files.LockTimeoutException)
        {
            return true;
        }
    }
}
