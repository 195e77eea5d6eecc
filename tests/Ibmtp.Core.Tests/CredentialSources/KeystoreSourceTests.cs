using Ibmtp.CredentialSources;
using Ibmtp.Protocol;
using Ibmtp.Storage;
using Moq;
using static Ibmtp.Tests.Support.Registry;

namespace Ibmtp.Tests.CredentialSources;

[TestFixture]
public class KeystoreSourceTests
{
    [Test]
    public void A_saved_login_is_answered_for_the_server_url_the_client_sent()
    {
        var keystore = new Mock<IKeystore>(MockBehavior.Strict);
        keystore.Setup(k => k.Find(Host("us.icr.io"))).Returns(new StoredLogin("Profile-1", "secret-1"));

        var found = new KeystoreSource(new Lazy<IKeystore>(keystore.Object)).Find(Host("us.icr.io"), "https://us.icr.io");

        Assert.That(found?.Credentials, Is.EqualTo(new Credentials("https://us.icr.io", "Profile-1", "secret-1")));
    }

    [Test]
    public void A_host_with_nothing_saved_has_no_credentials()
    {
        var keystore = new Mock<IKeystore>(MockBehavior.Strict);
        keystore.Setup(k => k.Find(Host("us.icr.io"))).Returns((StoredLogin?)null);

        Assert.That(new KeystoreSource(new Lazy<IKeystore>(keystore.Object)).Find(Host("us.icr.io"), "us.icr.io"), Is.Null);
    }
}
