using System.Globalization;
using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A server certificate that has expired, issued by a CA the helper trusts: the published binary refuses it in the
/// handshake, before the API key is sent, as it refuses one from an untrusted CA (<see cref="IamTlsTests"/>).
/// </summary>
[TestFixture]
public sealed class IamTlsExpiryTests() : IamEmulatorFixture(new EmulatorTls { CertificateExpired = true })
{
    private static readonly TimeSpan HelperTimeout = TimeSpan.FromSeconds(5);

    [SetUp]
    public void TrustTheEmulatorsCa()
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(
            ("SSL_CERT_FILE", Iam.TlsCertificatePemPath ?? throw new InvalidOperationException("the emulator does not serve HTTPS")),
            ("IBMTP_TIMEOUT", ((int)HelperTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task An_expired_certificate_is_refused_at_once_in_one_line_without_the_key()
    {
        var (get, elapsed) = await TimedAsync(GetAsync);

        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.StartWith($"IAM at {Iam.BaseUrl}"), "the user must see which endpoint's certificate failed");
            Assert.That(line, Does.Contain("the TLS connection is not trusted").And.Contain("NotTimeValid"), "the CA is trusted, so the certificate fails on its dates alone");
            Assert.That(line, Does.Not.Contain(World.BuilderApiKey));
            Assert.That(line, Does.Not.Contain(HelperOutput.NotFound), "a broken IAM connection is not 'no credentials'");
            // Asking again cannot make a certificate valid: the helper must not spend IBMTP_TIMEOUT on retries.
            Assert.That(elapsed, Is.LessThan(HelperTimeout / 2), get.ToString());
            Assert.That(Home.ReadLog(), Does.Contain("get failed").And.Not.Contain("attempt 1 got"), "a certificate failure must not be retried");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None), "the handshake fails before any request, so the key never leaves");
            Assert.That(Home.FilesContainingSecret(World.BuilderApiKey), Is.Empty);
        });
    }
}
