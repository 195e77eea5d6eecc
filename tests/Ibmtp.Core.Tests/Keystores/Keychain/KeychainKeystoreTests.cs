using Ibmtp.Keystores;
using Ibmtp.Keystores.Keychain;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Keystores.Keychain;

[TestFixture]
public sealed class KeychainKeystoreTests : TempHomeFixture
{
    private const string DistinctiveSecret = "Secret-4be2d09c7a1f4e53b6c8";
    private static readonly KeychainAddress UsAddress = new("docker-credential-ibmtp", "us.icr.io");

    private FakeKeychainItems _items = null!;
    private KeychainKeystore _keystore = null!;

    [SetUp]
    public void CreateKeychain()
    {
        _items = new FakeKeychainItems();
        _keystore = new KeychainKeystore(_items, new WriteLock(() => Home.Paths.DataFolder));
    }

    [Test]
    public void A_saved_login_reads_back()
    {
        _keystore.Save(Host("us.icr.io"), new StoredLogin("iamapikey", new Secret("secret-1")));

        Assert.That(_keystore.Find(Host("us.icr.io")), Is.EqualTo(new StoredLogin("iamapikey", new Secret("secret-1"))));
    }

    [Test]
    public void A_login_is_an_item_of_our_service_with_the_host_as_account_and_a_label_naming_both()
    {
        _keystore.Save(Host("https://US.ICR.IO:443/v2/"), new StoredLogin("iamapikey", new Secret("secret-1")));

        Assert.That(_items.Written, Is.EqualTo(new[] { new KeychainItem(UsAddress, "docker-credential-ibmtp: us.icr.io", "iamapikey") }));
    }

    [Test]
    public void Every_call_names_our_service_and_the_hosts_account()
    {
        var host = Host("localhost:5000");
        _keystore.Save(host, new StoredLogin("user", new Secret("secret-1")));
        _keystore.Find(host);
        _keystore.Remove(host);
        _keystore.Usernames();

        Assert.That(_items.Calls, Is.EqualTo(new (string, string, string?)[]
        {
            ("Update", "docker-credential-ibmtp", "localhost:5000"),
            ("Add", "docker-credential-ibmtp", "localhost:5000"),
            ("Find", "docker-credential-ibmtp", "localhost:5000"),
            ("Delete", "docker-credential-ibmtp", "localhost:5000"),
            ("FindAll", "docker-credential-ibmtp", null),
        }));
    }

    [Test]
    public void Saving_again_updates_the_item_in_place()
    {
        _keystore.Save(Host("us.icr.io"), new StoredLogin("old-user", new Secret("old-secret")));
        _items.Calls.Clear();

        _keystore.Save(Host("us.icr.io"), new StoredLogin("new-user", new Secret("new-secret")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_items.Calls.Select(call => call.Operation), Is.EqualTo(new[] { "Update" }));
            Assert.That(_keystore.Find(Host("us.icr.io")), Is.EqualTo(new StoredLogin("new-user", new Secret("new-secret"))));
        }
    }

    [Test]
    public void An_item_added_by_another_process_between_update_and_add_is_updated_with_this_login()
    {
        _items.BeforeAdd = () => _items.Put(new KeychainItem(UsAddress, "docker-credential-ibmtp: us.icr.io", "theirs"), new Secret("their-secret"));

        _keystore.Save(Host("us.icr.io"), new StoredLogin("ours", new Secret("our-secret")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_items.Calls.Select(call => call.Operation), Is.EqualTo(new[] { "Update", "Add", "Update" }));
            Assert.That(_keystore.Find(Host("us.icr.io")), Is.EqualTo(new StoredLogin("ours", new Secret("our-secret"))));
        }
    }

    [Test]
    public void Nothing_saved_is_found_as_nothing_and_removing_it_answers_false()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_keystore.Find(Host("us.icr.io")), Is.Null);
            Assert.That(_keystore.Remove(Host("us.icr.io")), Is.False);
            Assert.That(_keystore.Usernames(), Is.Empty);
        }
    }

    [Test]
    public void Remove_deletes_that_host_only()
    {
        _keystore.Save(Host("us.icr.io"), new StoredLogin("us-user", new Secret("secret-us")));
        _keystore.Save(Host("de.icr.io"), new StoredLogin("de-user", new Secret("secret-de")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_keystore.Remove(Host("us.icr.io")), Is.True);
            Assert.That(_keystore.Find(Host("us.icr.io")), Is.Null);
            Assert.That(_keystore.Find(Host("de.icr.io")), Is.Not.Null);
        }
    }

    [Test]
    public void Usernames_lists_only_items_of_our_service()
    {
        _keystore.Save(Host("us.icr.io"), new StoredLogin("us-user", new Secret("secret-us")));
        _items.Put(new KeychainItem(new KeychainAddress("Docker Credentials", "de.icr.io"), "Docker Credentials", "someone"), new Secret("not-ours"));

        Assert.That(_keystore.Usernames(), Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = "us-user" }));
    }

    [Test]
    public void Check_counts_the_logins_after_listing_them()
    {
        _keystore.Save(Host("us.icr.io"), new StoredLogin("us-user", new Secret("secret-us")));
        _keystore.Save(Host("de.icr.io"), new StoredLogin("de-user", new Secret("secret-de")));

        Assert.That(_keystore.Check(), Does.StartWith("macOS keychain").And.EndWith(", 2 login(s)"));
    }

    [TestCase(KeychainStatus.InteractionNotAllowed)]
    [TestCase(KeychainStatus.AuthFailed)]
    public void A_locked_keychain_says_how_to_unlock_it(int status)
    {
        foreach (var operation in new[] { "Find", "Update", "Delete", "FindAll" })
            _items.Failures[operation] = status;

        var calls = new TestDelegate[]
        {
            () => _keystore.Find(Host("us.icr.io")),
            () => _keystore.Save(Host("us.icr.io"), new StoredLogin("user", new Secret(DistinctiveSecret))),
            () => _keystore.Remove(Host("us.icr.io")),
            () => _keystore.Usernames(),
            () => _keystore.Check(),
        };

        using (Assert.EnterMultipleScope())
        {
            foreach (var call in calls)
                Assert.That(call, Throws.TypeOf<HelperException>().With.Message.EqualTo("the keychain is locked: unlock it (security unlock-keychain) and try again"));
        }
    }

    [Test]
    public void Another_failure_names_the_status_and_the_systems_text_on_one_line_without_the_secret()
    {
        _items.Failures["Add"] = -34018;
        _items.Description = "A required entitlement isn't present.\nSee the log.";

        var error = Assert.Throws<HelperException>(() => _keystore.Save(Host("us.icr.io"), new StoredLogin("user", new Secret(DistinctiveSecret))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain("save the login for us.icr.io").And.Contain("A required entitlement isn't present. See the log.").And.Contain("OSStatus -34018"));
            Assert.That(error.Message, Does.Not.Contain("\n"));
            Assert.That(error.Message, Does.Not.Contain(DistinctiveSecret));
            Assert.That(error.Message, Does.Contain("IBMTP_KEYSTORE"), "it says how to get on without the keychain");
        }
    }

    [Test]
    public void A_failure_the_system_cannot_describe_still_names_its_status()
    {
        _items.Failures["Find"] = -50;

        Assert.That(() => _keystore.Find(Host("us.icr.io")), Throws.TypeOf<HelperException>().With.Message.Contains("OSStatus -50"));
    }

    [Test]
    public void An_item_of_our_service_without_a_username_says_how_to_replace_it()
    {
        _items.Put(new KeychainItem(UsAddress, "made by hand", null), new Secret(DistinctiveSecret));

        var error = Assert.Throws<HelperException>(() => _keystore.Find(Host("us.icr.io")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain("security delete-generic-password -s docker-credential-ibmtp -a us.icr.io"));
            Assert.That(error.Message, Does.Not.Contain(DistinctiveSecret));
        }
    }

    [Test]
    [Platform(Exclude = "MacOsX", Reason = "the refusal is for every other system")]
    public void Choosing_the_keychain_anywhere_but_macOS_names_the_stores_there_are()
    {
        Assert.That(() => KeychainKeystore.OnThisSystem(new WriteLock(() => Home.Paths.DataFolder)), Throws.TypeOf<HelperException>().With.Message.EqualTo(
            "the keychain keystore is macOS's; on Linux set IBMTP_KEYSTORE to secretservice, pass or file"));
    }
}
