using Ibmtp.Credentials;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using Moq;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Credentials;

[TestFixture]
public class KeystoreSourceTests
{
    [Test]
    public void A_saved_login_is_answered_as_coming_from_the_keystore()
    {
        var keystore = new Mock<IKeystore>(MockBehavior.Strict);
        keystore.Setup(k => k.Find(Host("us.icr.io"))).Returns(new StoredLogin("Profile-1", new Secret("secret-1")));

        var found = new KeystoreSource(new Lazy<IKeystore>(keystore.Object)).Find(Host("us.icr.io"));

        Assert.That(found, Is.EqualTo(new Login("Profile-1", new Secret("secret-1"), "keystore")));
    }

    [Test]
    public void A_host_with_nothing_saved_has_no_credentials()
    {
        var keystore = new Mock<IKeystore>(MockBehavior.Strict);
        keystore.Setup(k => k.Find(Host("us.icr.io"))).Returns((StoredLogin?)null);

        Assert.That(new KeystoreSource(new Lazy<IKeystore>(keystore.Object)).Find(Host("us.icr.io")), Is.Null);
    }
}
