using System.Globalization;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The machine identities over HTTPS, as IBM serves them at https://api.metadata.cloud.ibm.com where a VPC's
/// secure access is on and at https://api.metadata.power-iaas.cloud.ibm.com for PowerVS: the published binary,
/// with its own OpenSSL, against the emulator's metadata services behind a certificate of the emulator's test CA.
/// The metadata calls keep every check IAM's get: a trusted certificate for the very host named, or no call at all.
/// </summary>
[TestFixture]
public sealed class MetadataTlsTests() : IamEmulatorFixture(useHttps: true)
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
    public void UseATimeout() => Set(("IBMTP_TIMEOUT", ((int)HelperTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)));

    [TestCase("vpc")]
    [TestCase("powervs")]
    public async Task A_metadata_service_whose_certificate_is_trusted_gives_a_token_over_HTTPS(string mode)
    {
        var service = UseMachine(mode);
        Set(("SSL_CERT_FILE", CertificatePemPath));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Home.Environment[service.UrlVariable], Does.StartWith("https://127.0.0.1:"), "otherwise this test never reaches TLS");
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Origin(token), Is.EqualTo(service.Origin));
            Assert.That(Iam.MetadataRequestsTo(service.TokenRoute), Is.EqualTo(1));
            Assert.That(Iam.MetadataRequestsTo(service.IamTokenRoute), Is.EqualTo(1));
            Assert.That(CachedTokens(), Has.Count.EqualTo(1), "the token is cached, so the checks below that nothing was cached can fail");
        });
    }

    [TestCase("vpc")]
    [TestCase("powervs")]
    public async Task An_untrusted_certificate_is_refused_at_once_in_one_line_and_nothing_is_cached(string mode)
    {
        var service = UseMachine(mode);

        var (get, elapsed) = await TimedAsync(GetAsync);

        var line = HelperOutput.AssertOneLineFailure(get);
        var log = Home.ReadLog();
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.StartWith($"the {service.Name} metadata service at {Home.Environment[service.UrlVariable]}"), "the user must see which endpoint's certificate failed");
            Assert.That(line, Does.Contain("the TLS connection is not trusted"));
            Assert.That(line, Does.Contain("SSL_CERT_FILE"), "and how to trust it");
            Assert.That(line, Does.Not.Contain(HelperOutput.NotFound), "a broken metadata connection is not 'no credentials'");
            // Asking again cannot make a certificate trusted: the helper must not spend IBMTP_TIMEOUT on retries.
            Assert.That(elapsed, Is.LessThan(HelperTimeout / 2), get.ToString());
            Assert.That(log, Does.Contain("get failed"), "the debug log this check reads must exist");
            Assert.That(log, Does.Not.Contain("attempt 1 got"), "a certificate failure must not be retried");
            Assert.That(Iam.MetadataRequestsTo(service.TokenRoute), Is.Zero, "the handshake fails before any request");
            Assert.That(CachedTokens(), Is.Empty);
        });

        Set(("SSL_CERT_FILE", CertificatePemPath));
        await GetBearerTokenAsync();
        Assert.That(Iam.MetadataRequestsTo(service.TokenRoute), Is.EqualTo(1), "once trusted, the next get asks the service: no failure was kept");
    }

    [TestCase("vpc")]
    [TestCase("powervs")]
    public async Task A_trusted_certificate_that_names_another_host_is_refused(string mode)
    {
        var service = UseMachine(mode);
        var elsewhere = new UriBuilder(Home.Environment[service.UrlVariable]) { Host = HostTheCertificateDoesNotName }.Uri.ToString();
        Set(("SSL_CERT_FILE", CertificatePemPath), (service.UrlVariable, elsewhere));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.StartWith($"the {service.Name} metadata service at {elsewhere}"));
            Assert.That(line, Does.Contain("the TLS connection is not trusted"), "trusted through SSL_CERT_FILE as in the first test, the certificate fails on the name alone");
            Assert.That(Iam.MetadataRequestsTo(service.TokenRoute), Is.Zero);
            Assert.That(CachedTokens(), Is.Empty);
        });
    }

    /// <summary>Credentials travel to PowerVS's metadata service over HTTPS only; the link-local address VPC uses is no exception.</summary>
    [TestCase("http://169.254.169.254")]
    [TestCase("http://api.metadata.power-iaas.cloud.ibm.com")]
    public async Task PowerVS_mode_refuses_a_plain_http_metadata_service_off_loopback_before_any_call(string url)
    {
        UseMachine("powervs");
        Set(("IBMTP_POWERVS_METADATA_URL", url));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.StartWith("IBMTP_POWERVS_METADATA_URL is ")
                .And.EndWith(": https is required (plain http is allowed only for loopback addresses)"));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
            Assert.That(CachedTokens(), Is.Empty);
        });
    }

    private MetadataService UseMachine(string mode)
    {
        Set(("IBMTP_MODE", mode), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
        return mode == "vpc"
            ? new MetadataService("VPC", "IBMTP_VPC_METADATA_URL", "PUT /identity/v1/token", "POST /identity/v1/iam_tokens", "identity/iam_tokens")
            : new MetadataService("PowerVS", "IBMTP_POWERVS_METADATA_URL", "PUT /powervs/identity/v1/token", "POST /powervs/identity/v1/iam_tokens", "powervs/iam_tokens");
    }

    private IReadOnlyList<string> CachedTokens() => HelperFiles.Entries(Home.CacheFolder()).Where(name => name.EndsWith(".token", StringComparison.Ordinal)).ToList();

    private sealed record MetadataService(string Name, string UrlVariable, string TokenRoute, string IamTokenRoute, string Origin);
}
