using System.Globalization;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The helper's TLS path, which real IAM (HTTPS only) always takes: the published binary, with its OpenSSL, against
/// an emulator serving HTTPS with a certificate issued by a test CA. With the CA trusted through SSL_CERT_FILE or
/// SSL_CERT_DIR, as .NET on Linux reads them, the exchange goes through; with the CA untrusted, or a certificate for
/// another host, get fails at once and says why.
/// </summary>
[TestFixture]
public sealed class IamTlsTests() : IamEmulatorFixture(useHttps: true)
{
    private static readonly TimeSpan HelperTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The emulator's own address written as an IPv4-mapped IPv6 address: the same listener, reached under a host
    /// name its certificate (made for 127.0.0.1, localhost and a .test name) does not carry, with no resolver or hosts file involved.
    /// </summary>
    private const string HostTheCertificateDoesNotName = "[::ffff:127.0.0.1]";

    private string CertificatePemPath =>
        Iam.TlsCertificatePemPath ?? throw new InvalidOperationException("the emulator does not serve HTTPS");

    [SetUp]
    public void UseTokenModeWithATimeout()
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(("IBMTP_TIMEOUT", ((int)HelperTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
    }

    [Test]
    public void The_emulator_serves_HTTPS_on_loopback()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Iam.BaseUrl.Scheme, Is.EqualTo(Uri.UriSchemeHttps), "otherwise these tests never reach TLS");
            Assert.That(Home.Environment["IBMTP_IAM_URL"], Does.StartWith("https://127.0.0.1:"));
            Assert.That(File.ReadAllText(CertificatePemPath), Does.StartWith("-----BEGIN CERTIFICATE-----").And.Not.Contain("PRIVATE KEY"));
        });
    }

    [TestCase("SSL_CERT_FILE")]
    [TestCase("SSL_CERT_DIR")]
    public async Task A_certificate_trusted_through_the_environment_lets_the_exchange_through(string variable)
    {
        Set((variable, variable == "SSL_CERT_FILE" ? CertificatePemPath : DirectoryHoldingTheCertificate()));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)), "one apikey and one assume grant, over HTTPS");
        });
    }

    [Test]
    public async Task An_untrusted_certificate_fails_at_once_and_says_so()
    {
        var (get, elapsed) = await TimedAsync(GetAsync);

        var line = HelperOutput.AssertOneLineFailure(get);
        var log = Home.ReadLog();
        Assert.Multiple(() =>
        {
            // Asking again cannot make a certificate trusted: the helper must not spend IBMTP_TIMEOUT on retries.
            Assert.That(elapsed, Is.LessThan(HelperTimeout / 2), get.ToString());
            Assert.That(log, Does.Contain("get failed"), "the debug log this check reads must exist");
            Assert.That(log, Does.Not.Contain("attempt 1 got"), "a certificate failure must not be retried");
            Assert.That(line, Does.Contain("TLS").And.Contain("not trusted"));
            Assert.That(line, Does.Contain(Iam.BaseUrl.ToString()), "the user must see which endpoint's certificate failed");
            Assert.That(line, Does.Contain("SSL_CERT_FILE"), "and how to trust it");
            Assert.That(line, Does.Not.Contain(HelperOutput.NotFound), "a broken IAM connection is not 'no credentials'");
            Assert.That(line, Does.Not.Contain(World.BuilderApiKey));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None), "the handshake fails before any request, so the key never leaves");
            Assert.That(Home.FilesContainingSecret(World.BuilderApiKey), Is.Empty);
        });
    }

    [Test]
    public async Task A_certificate_from_a_trusted_CA_that_names_another_host_is_refused_before_the_key_is_sent()
    {
        var elsewhere = new UriBuilder(Iam.BaseUrl) { Host = HostTheCertificateDoesNotName }.Uri.ToString();
        Set(("SSL_CERT_FILE", CertificatePemPath), ("IBMTP_IAM_URL", elsewhere));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("the TLS connection is not trusted").And.Contain("RemoteCertificateNameMismatch"), "trusted through SSL_CERT_FILE as in the test above, the certificate fails on the name alone");
            Assert.That(line, Does.Contain(elsewhere), "the user must see which endpoint's certificate failed");
            Assert.That(line, Does.Not.Contain(World.BuilderApiKey));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None), "the handshake fails before any request, so the key never leaves");
        });
    }

    /// <summary>A directory below HOME holding only a copy of the emulator's certificate, under no hashed name.</summary>
    private string DirectoryHoldingTheCertificate()
    {
        var directory = Home.Subdirectory("trusted-certificates");
        File.Copy(CertificatePemPath, Path.Combine(directory, "iam-emulator.pem"));
        return directory;
    }
}
