using Ibmtp.Protocol;
using Ibmtp.Storage;

namespace Ibmtp.Tests.Logging;

/// <summary>A record that reaches a log line or an exception message through ToString must not carry its secret.</summary>
[TestFixture]
public class SecretBearingRecordsTests
{
    [Test]
    public void Credentials_print_without_their_secret()
    {
        Assert.That(new Credentials("us.icr.io", "Profile-1", "secret-1").ToString(), Does.Contain("Profile-1").And.Not.Contain("secret-1"));
    }

    [Test]
    public void A_stored_login_prints_without_its_secret()
    {
        Assert.That(new StoredLogin("Profile-1", "secret-1").ToString(), Does.Contain("Profile-1").And.Not.Contain("secret-1"));
    }
}
