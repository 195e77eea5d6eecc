using Ibmtp.CredentialSources;
using Ibmtp.Hosts;
using Ibmtp.Logging;
using Ibmtp.Protocol;
using Ibmtp.Storage;
using Moq;
using Serilog.Core;
using static Ibmtp.Tests.Support.Registry;

namespace Ibmtp.Tests;

/// <summary>Which hosts are answered, in which order sources are asked, and when the keystore is opened.</summary>
[TestFixture]
public class IcrCredentialStoreTests
{
    private static readonly Credentials FromEnvironment = new("us.icr.io", "Profile-1", "api-key-1");

    private SecretRedactor _redactor = null!;
    private Mock<IKeystore> _keystore = null!;
    private Lazy<IKeystore> _lazyKeystore = null!;

    [SetUp]
    public void CreateFakes()
    {
        _redactor = new SecretRedactor();
        _keystore = new Mock<IKeystore>(MockBehavior.Strict);
        _lazyKeystore = new Lazy<IKeystore>(() => _keystore.Object);
    }

    [TestCase("docker.io")]
    [TestCase("icr.io.evil.example")]
    [TestCase("evil-icr.io")]
    public void Get_for_a_host_not_served_answers_not_found_without_asking_any_source_or_opening_the_keystore(string serverUrl)
    {
        var source = new Mock<ICredentialSource>(MockBehavior.Strict);

        Assert.Throws<CredentialsNotFoundException>(() => Store(source.Object).Get(serverUrl));
        Assert.That(_lazyKeystore.IsValueCreated, Is.False);
    }

    [Test]
    public void Get_asks_the_sources_in_order_and_the_first_answer_wins()
    {
        var asked = new List<string>();
        var empty = Source("empty", null, asked);
        var answering = Source("answering", FromEnvironment, asked);
        var never = new Mock<ICredentialSource>(MockBehavior.Strict);

        var found = Store(empty.Object, answering.Object, never.Object).Get("us.icr.io");

        Assert.That(found, Is.EqualTo(FromEnvironment));
        Assert.That(asked, Is.EqualTo(new[] { "empty", "answering" }));
    }

    [Test]
    public void Get_answered_by_the_first_source_never_opens_the_keystore()
    {
        var keystoreSource = new KeystoreSource(_lazyKeystore);

        Store(Source("environment", FromEnvironment).Object, keystoreSource).Get("us.icr.io");

        Assert.That(_lazyKeystore.IsValueCreated, Is.False);
    }

    [Test]
    public void Get_with_no_source_answering_is_not_found()
    {
        Assert.Throws<CredentialsNotFoundException>(() => Store(Source("empty", null).Object).Get("us.icr.io"));
    }

    [Test]
    public void Get_passes_the_normalised_host_and_the_server_url_as_sent()
    {
        var source = Source("environment", FromEnvironment);

        Store(source.Object).Get("https://US.icr.io:443/");

        source.Verify(s => s.Find(Host("us.icr.io"), "https://US.icr.io:443/"));
    }

    [Test]
    public void Get_for_an_address_that_is_no_host_is_a_miss_like_any_host_not_served()
    {
        Assert.Throws<CredentialsNotFoundException>(() => Store().Get("not a host"));
    }

    [Test]
    public void Store_saves_the_login_under_the_normalised_host_and_registers_its_secret()
    {
        _keystore.Setup(k => k.Save(Host("us.icr.io"), new StoredLogin("Profile-1", "secret-1")));

        Store().Add(new Credentials("https://US.icr.io/", "Profile-1", "secret-1"));

        _keystore.VerifyAll();
        Assert.That(_redactor.Redact("secret-1"), Is.EqualTo(SecretRedactor.Mask));
    }

    [Test]
    public void Store_for_a_host_not_served_fails_without_opening_the_keystore()
    {
        var error = Assert.Throws<HelperException>(() => Store().Add(new Credentials("docker.io", "user", "secret-1")));

        Assert.That(error.Message, Does.Contain("credHelpers").And.Contain("credsStore"));
        Assert.That(_lazyKeystore.IsValueCreated, Is.False);
    }

    [Test]
    public void Store_for_an_opted_in_host_keeps_its_port()
    {
        _keystore.Setup(k => k.Save(Host("localhost:5000"), It.IsAny<StoredLogin>()));

        Store(served: new ServedHosts([Host("localhost:5000")])).Add(new Credentials("http://localhost:5000", "user", "secret-1"));

        _keystore.VerifyAll();
    }

    [Test]
    public void Erase_removes_the_saved_login()
    {
        _keystore.Setup(k => k.Remove(Host("us.icr.io"))).Returns(true);

        Store().Delete("https://us.icr.io");

        _keystore.VerifyAll();
    }

    [Test]
    public void Erase_of_a_host_not_stored_is_not_found()
    {
        _keystore.Setup(k => k.Remove(Host("us.icr.io"))).Returns(false);

        Assert.Throws<CredentialsNotFoundException>(() => Store().Delete("us.icr.io"));
    }

    [Test]
    public void Erase_for_a_host_not_served_is_not_found_without_opening_the_keystore()
    {
        Assert.Throws<CredentialsNotFoundException>(() => Store().Delete("docker.io"));
        Assert.That(_lazyKeystore.IsValueCreated, Is.False);
    }

    [Test]
    public void List_answers_the_usernames_saved_in_the_keystore()
    {
        var saved = new Dictionary<string, string> { ["us.icr.io"] = "Profile-1" };
        _keystore.Setup(k => k.Usernames()).Returns(saved);

        Assert.That(Store().List(), Is.EqualTo(saved));
    }

    private IcrCredentialStore Store(params ICredentialSource[] sources) => Store(new ServedHosts([]), sources);

    private IcrCredentialStore Store(ServedHosts served, params ICredentialSource[] sources) =>
        new(served, sources, _lazyKeystore, _redactor, Logger.None);

    private static Mock<ICredentialSource> Source(string name, Credentials? answer, List<string>? asked = null)
    {
        var source = new Mock<ICredentialSource>(MockBehavior.Strict);
        source.Setup(s => s.Find(It.IsAny<RegistryHost>(), It.IsAny<string>()))
            .Callback(() => asked?.Add(name))
            .Returns(answer is null ? null : new FoundCredentials(answer, name));
        return source;
    }
}
