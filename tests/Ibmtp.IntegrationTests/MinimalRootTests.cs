using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published Linux binary in a root that holds nothing but itself, /tmp, /dev/null, /dev/urandom and,
/// where a test needs TLS, a CA bundle: as in a scratch image, with no C library, no OpenSSL and no
/// dynamic loader to lean on. Every path a client takes works there (<see cref="HelperInRootFixture"/>),
/// TLS to IAM included, with each distribution's CA bundle.
/// </summary>
[TestFixture]
public sealed class MinimalRootTests : HelperInRootFixture
{
    protected override Task<MinimalRoot> CreateRootForTestAsync() => MinimalRoot.CreateAsync();

    [Test]
    public async Task Without_a_CA_bundle_TLS_to_IAM_fails_with_one_line_that_says_what_to_set()
    {
        UseTokenModeInRoot();

        var get = await Root.RunAsync("get", Registry);

        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("not trusted").And.Contain("SSL_CERT_FILE"));
            Assert.That(line, Does.Not.Contain(World.BuilderApiKey));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    /// <summary>Where each family of distributions keeps its CA certificates, which the helper must find with no variable set.</summary>
    [TestCase("/etc/ssl/certs/ca-certificates.crt", TestName = "Debian, Ubuntu and Alpine: /etc/ssl/certs/ca-certificates.crt")]
    [TestCase("/etc/ssl/certs/iam-ca.pem", TestName = "SUSE: one PEM file per CA in /etc/ssl/certs")]
    [TestCase("/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs", "../pki/tls/certs", TestName = "RHEL and Fedora: /etc/pki/tls/certs/ca-bundle.crt, linked from /etc/ssl/certs")]
    public async Task The_distributions_usual_CA_bundle_is_trusted(string bundle, string? link = null, string? linkTarget = null)
    {
        UseTokenModeInRoot();
        Root.CopyIn(CertificatePemPath, bundle);
        if (link is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Root.Outside(link))!);
            File.CreateSymbolicLink(Root.Outside(link), linkTarget!);
        }

        var get = await Root.RunAsync("get", Registry);

        Assert.That(EmulatorToken.Subject(HelperOutput.Credentials(get).Secret), Is.EqualTo(IamWorld.Builder.Id));
    }

    /// <summary>
    /// The binary carries its own glibc, which would load the host's name-service modules (built against
    /// another glibc) for what nsswitch.conf lists. Here it lists a module that, loaded, ends the process
    /// with status 99: IAM is reached by name through /etc/hosts, and the module is never loaded. (No path
    /// of the helper looks up a user or group; those databases are confined all the same.)
    /// </summary>
    [Test]
    public async Task Names_resolve_through_hosts_and_dns_only_never_a_module_of_the_host()
    {
        UseTokenModeInRoot();
        await TrustTheEmulatorsCaAsync();
        Root.Environment["IBMTP_IAM_URL"] = new UriBuilder(Iam.BaseUrl) { Host = "localhost" }.Uri.ToString();
        Root.WriteFile("/etc/nsswitch.conf", "passwd: exiting files\ngroup: exiting files\nhosts: exiting files dns\n");
        Root.WriteFile("/etc/hosts", "127.0.0.1 localhost\n");
        var module = await ExitingModule.BuildAsync(Root.Outside("/tmp/module-build"));
        foreach (var folder in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib" })
            Root.CopyIn(module, $"{folder}/libnss_exiting.so.2");

        var get = await Root.RunAsync("get", Registry);

        Assert.That(get.ExitCode, Is.Zero, get.ToString());
        Assert.That(EmulatorToken.Subject(HelperOutput.Credentials(get).Secret), Is.EqualTo(IamWorld.Builder.Id));
    }
}
