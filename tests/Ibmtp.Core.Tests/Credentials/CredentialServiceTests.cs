using Ibmtp.Credentials;
using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Logging;
using Ibmtp.Secrets;
using Moq;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Credentials;

/// <summary>Which hosts are answered, in which order sources are asked, and when the keystore is opened.</summary>
[TestFixture]
public class CredentialServiceTests
{
    private static readonly Login FromEnvironment = new("Profile-1", new Secret("service-key-1"), "environment");

    private Mock<IKeystore> _keystore = null!;
    private Lazy<IKeystore> _lazyKeystore = null!;

    [SetUp]
    public void CreateFakes()
    {
        _keystore = new Mock<IKeystore>(MockBehavior.Strict);
        _lazyKeystore = new Lazy<IKeystore>(() => _keystore.Object);
    }

    [TestCase("docker.io")]
    [TestCase("icr.io.evil.example")]
    [TestCase("evil-icr.io")]
    public void Find_for_a_host_not_served_answers_nothing_without_asking_any_source_or_opening_the_keystore(string serverUrl)
    {
        var source = new Mock<ICredentialSource>(MockBehavior.Strict);

        Assert.That(Service(source.Object).Find(serverUrl), Is.Null);
        Assert.That(_lazyKeystore.IsValueCreated, Is.False);
    }

    [Test]
    public void Find_asks_the_sources_in_order_and_the_first_answer_wins()
    {
        var asked = new List<string>();
        var empty = Source("empty", null, asked);
        var answering = Source("answering", FromEnvironment, asked);
        var never = new Mock<ICredentialSource>(MockBehavior.Strict);

        var found = Service(empty.Object, answering.Object, never.Object).Find("us.icr.io");

        Assert.That(found, Is.EqualTo(FromEnvironment));
        Assert.That(asked, Is.EqualTo(new[] { "empty", "answering" }));
    }

    [Test]
    public void Find_answered_by_the_first_source_never_opens_the_keystore()
    {
        var keystoreSource = new KeystoreSource(_lazyKeystore);

        Service(Source("environment", FromEnvironment).Object, keystoreSource).Find("us.icr.io");

        Assert.That(_lazyKeystore.IsValueCreated, Is.False);
    }

    [Test]
    public void Find_with_no_source_answering_answers_nothing()
    {
        Assert.That(Service(Source("empty", null).Object).Find("us.icr.io"), Is.Null);
    }

    [Test]
    public void Find_asks_the_sources_for_the_normalised_host()
    {
        var source = Source("environment", FromEnvironment);

        Service(source.Object).Find("https://US.icr.io:443/");

        source.Verify(s => s.Find(Host("us.icr.io")));
    }

    [Test]
    public void Find_for_an_address_that_is_no_host_is_a_miss_like_any_host_not_served()
    {
        Assert.That(Service().Find("not a host"), Is.Null);
    }

    [Test]
    public void Save_keeps_the_login_under_the_normalised_host()
    {
        _keystore.Setup(k => k.Save(Host("us.icr.io"), new StoredLogin("Profile-1", new Secret("service-secret-1"))));

        Service().Save("https://US.icr.io/", "Profile-1", new Secret("service-secret-1"));

        _keystore.VerifyAll();
    }

    [Test]
    public void Save_for_a_host_not_served_fails_without_opening_the_keystore()
    {
        var error = Assert.Throws<HelperException>(() => Service().Save("docker.io", "user", new Secret("service-secret-1")));

        Assert.That(error.Message, Does.Contain("credHelpers").And.Contain("credsStore"));
        Assert.That(_lazyKeystore.IsValueCreated, Is.False);
    }

    [Test]
    public void Save_for_an_opted_in_host_keeps_its_port()
    {
        _keystore.Setup(k => k.Save(Host("localhost:5000"), It.IsAny<StoredLogin>()));

        Service(served: new ServedHosts([Host("localhost:5000")])).Save("http://localhost:5000", "user", new Secret("service-secret-1"));

        _keystore.VerifyAll();
    }

    [Test]
    public void Remove_removes_the_saved_login()
    {
        _keystore.Setup(k => k.Remove(Host("us.icr.io"))).Returns(true);

        Assert.That(Service().Remove("https://us.icr.io"), Is.True);
        _keystore.VerifyAll();
    }

    [Test]
    public void Remove_of_a_served_host_not_stored_answers_false()
    {
        _keystore.Setup(k => k.Remove(Host("us.icr.io"))).Returns(false);

        Assert.That(Service().Remove("us.icr.io"), Is.False);
        _keystore.VerifyAll();
    }

    [Test]
    public void Remove_for_a_host_not_served_with_nothing_kept_answers_false_and_changes_nothing()
    {
        _keystore.Setup(k => k.Find(Host("docker.io"))).Returns((StoredLogin?)null);

        Assert.That(Service().Remove("docker.io"), Is.False);
        _keystore.VerifyAll();
    }

    [Test]
    public void List_answers_the_usernames_saved_in_the_keystore()
    {
        var saved = new Dictionary<string, string> { ["us.icr.io"] = "Profile-1" };
        _keystore.Setup(k => k.Usernames()).Returns(saved);

        Assert.That(Service().List(), Is.EqualTo(saved));
    }

    private CredentialService Service(params ICredentialSource[] sources) => Service(new ServedHosts([]), sources);

    private CredentialService Service(ServedHosts served, params ICredentialSource[] sources) =>
        new(served, sources, _lazyKeystore, HelperLog.Silent());

    private static Mock<ICredentialSource> Source(string name, Login? answer, List<string>? asked = null)
    {
        var source = new Mock<ICredentialSource>(MockBehavior.Strict);
        source.Setup(s => s.Find(It.IsAny<RegistryHost>()))
            .Callback(() => asked?.Add(name))
            .Returns(answer);
        return source;
    }
}
