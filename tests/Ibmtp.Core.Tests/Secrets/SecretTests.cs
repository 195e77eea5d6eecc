using Ibmtp.Credentials;
using Ibmtp.Frontends.Docker;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Secrets;

/// <summary>A value that reaches a log line or an exception message through ToString must not carry its secret.</summary>
[TestFixture]
public class SecretTests
{
    [Test]
    public void A_secret_prints_as_the_mask()
    {
        Assert.That(new Secret("secret-print-1").ToString(), Is.EqualTo(SecretRedactor.Mask));
    }

    [Test]
    public void Secrets_with_the_same_value_are_equal()
    {
        var same = new Secret("secret-equal-1");

        Assert.That(new Secret("secret-equal-1"), Is.EqualTo(same));
        Assert.That(new Secret("secret-equal-1"), Is.Not.EqualTo(new Secret("secret-equal-2")));
    }

    private static readonly object[] RecordsHoldingSecrets =
    [
        new DockerCredentials("us.icr.io", "Profile-1", new Secret("secret-record-1")),
        new StoredLogin("Profile-1", new Secret("secret-record-1")),
        new Login("Profile-1", new Secret("secret-record-1"), "environment (apikey)"),
        new IamToken(new Secret("secret-record-1"), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1)),
    ];

    [TestCaseSource(nameof(RecordsHoldingSecrets))]
    public void A_record_holding_a_secret_prints_without_it(object record)
    {
        Assert.That(record.ToString(), Does.Contain(SecretRedactor.Mask).And.Not.Contain("secret-record-1"));
    }
}
