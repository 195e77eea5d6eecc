using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published Linux binary in a root that holds nothing but itself, /tmp, /dev/null, /dev/urandom and,
/// where a test needs TLS, a CA bundle: as in a scratch image, with no C library, no OpenSSL and no
/// dynamic loader to lean on. Every path a client takes works there, TLS to IAM included.
/// </summary>
[TestFixture]
[Category(NativeBinary.Category)]
public sealed class MinimalRootTests() : IamEmulatorFixture(useHttps: true)
{
    private const string KubeletRequest =
        """{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/team/app:1"}""";

    private MinimalRoot root = null!;

    private string CertificatePemPath => Iam.TlsCertificatePemPath ?? throw new InvalidOperationException("the emulator does not serve HTTPS");

    [SetUp]
    public async Task CreateRootAsync() => root = await MinimalRoot.CreateAsync();

    [TearDown]
    public void DisposeRoot() => root.Dispose();

    [Test]
    public async Task Version_answers()
    {
        var version = await root.RunAsync("version");

        Assert.That(version.ExitCode, Is.Zero, version.ToString());
        Assert.That(version.StandardOutput, Does.StartWith("docker-credential-ibmtp (ibmtp) "));
    }

    [Test]
    public async Task A_host_not_served_is_not_found() =>
        HelperOutput.AssertNotFound(await root.RunAsync("get", "docker.io"));

    [Test]
    public async Task An_API_key_from_the_environment_is_the_login()
    {
        root.Environment["IBMTP_API_KEY"] = World.BuilderApiKey;
        root.Environment["IBMTP_PROFILE_ID"] = IamWorld.Builder.Id;

        var get = await root.RunAsync("get", Registry);

        Assert.That(HelperOutput.Credentials(get), Is.EqualTo((Registry, IamWorld.Builder.Id, World.BuilderApiKey)));
    }

    [Test]
    public async Task The_file_keystore_stores_lists_gets_and_erases()
    {
        var store = await root.RunAsync("store", $$"""{"ServerURL":"{{Registry}}","Username":"{{IamWorld.Builder.Id}}","Secret":"{{World.BuilderApiKey}}"}""");
        var list = await root.RunAsync("list");
        var get = await root.RunAsync("get", Registry);
        var erase = await root.RunAsync("erase", Registry);
        var getAfterErase = await root.RunAsync("get", Registry);

        Assert.Multiple(() =>
        {
            HelperOutput.AssertSilentSuccess(store);
            Assert.That(HelperOutput.List(list), Is.EqualTo(new Dictionary<string, string> { [Registry] = IamWorld.Builder.Id }));
            Assert.That(HelperOutput.Credentials(get), Is.EqualTo((Registry, IamWorld.Builder.Id, World.BuilderApiKey)));
            HelperOutput.AssertSilentSuccess(erase);
            HelperOutput.AssertNotFound(getAfterErase);
            Assert.That(root.Files(), Does.Contain("/home/.local/share/ibmtp/keystore.json"));
        });
    }

    [Test]
    public async Task Token_mode_reaches_IAM_over_TLS_with_the_CA_of_SSL_CERT_FILE_and_caches_the_token()
    {
        UseTokenModeInRoot();
        root.CopyIn(CertificatePemPath, "/etc/iam-ca.pem");
        root.Environment["SSL_CERT_FILE"] = "/etc/iam-ca.pem";

        var first = await root.RunAsync("get", Registry);
        var second = await root.RunAsync("get", Registry);

        var (_, username, token) = HelperOutput.Credentials(first);
        Assert.Multiple(() =>
        {
            Assert.That(username, Is.EqualTo(BearerUsername));
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(HelperOutput.Credentials(second).Secret, Is.EqualTo(token), "the second get is served from the cache");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(root.Files(), Has.Some.Match(@"^/home/\.cache/ibmtp/.*\.token$"));
        });
    }

    [Test]
    public async Task Without_a_CA_bundle_TLS_to_IAM_fails_with_one_line_that_says_what_to_set()
    {
        UseTokenModeInRoot();

        var get = await root.RunAsync("get", Registry);

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
        root.CopyIn(CertificatePemPath, bundle);
        if (link is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(root.Outside(link))!);
            File.CreateSymbolicLink(root.Outside(link), linkTarget!);
        }

        var get = await root.RunAsync("get", Registry);

        Assert.That(EmulatorToken.Subject(HelperOutput.Credentials(get).Secret), Is.EqualTo(IamWorld.Builder.Id));
    }

    [Test]
    public async Task The_kubelet_provider_answers_from_the_cache()
    {
        UseTokenModeInRoot();
        root.CopyIn(CertificatePemPath, "/etc/ssl/certs/ca-certificates.crt");
        var cold = await root.RunAsync("get", Registry);
        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());

        var kubelet = await root.RunAsync("kubelet", KubeletRequest);

        Assert.That(kubelet.ExitCode, Is.Zero, kubelet.ToString());
        var response = KubeletProviderResponse.Decode(kubelet.StandardOutput, "credentialprovider.kubelet.k8s.io/v1");
        Assert.Multiple(() =>
        {
            Assert.That(response.Auth.Keys, Is.EqualTo(new[] { Registry }));
            Assert.That(response.Auth[Registry].Password, Is.EqualTo(HelperOutput.Credentials(cold).Secret));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
        });
    }

    /// <summary>
    /// The binary carries its own glibc, which would load the host's name-service modules (built against
    /// another glibc) for what nsswitch.conf lists. Here it lists a module that, loaded, ends the process
    /// with status 99: IAM is reached by name through /etc/hosts, and the module is never loaded.
    /// </summary>
    [Test]
    public async Task Names_resolve_through_hosts_and_dns_only_never_a_module_of_the_host()
    {
        UseTokenModeInRoot();
        root.CopyIn(CertificatePemPath, "/etc/ssl/certs/ca-certificates.crt");
        root.Environment["IBMTP_IAM_URL"] = new UriBuilder(Iam.BaseUrl) { Host = "localhost" }.Uri.ToString();
        root.WriteFile("/etc/nsswitch.conf", "passwd: exiting files\ngroup: exiting files\nhosts: exiting files dns\n");
        root.WriteFile("/etc/hosts", "127.0.0.1 localhost\n");
        var module = await NameServiceModule.BuildExitingModuleAsync(root.Outside("/tmp/module-build"));
        foreach (var folder in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib" })
            root.CopyIn(module, $"{folder}/libnss_exiting.so.2");

        var get = await root.RunAsync("get", Registry);
        var doctor = await root.RunAsync("doctor");

        Assert.Multiple(() =>
        {
            Assert.That(get.ExitCode, Is.Zero, get.ToString());
            Assert.That(EmulatorToken.Subject(HelperOutput.Credentials(get).Secret), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(doctor.ExitCode, Is.Not.EqualTo(NameServiceModule.ExitStatusWhenLoaded), doctor.ToString());
        });
    }

    private void UseTokenModeInRoot()
    {
        root.Environment["IBMTP_MODE"] = "token";
        root.Environment["IBMTP_API_KEY"] = World.BuilderApiKey;
        root.Environment["IBMTP_PROFILE_ID"] = IamWorld.Builder.Id;
        root.Environment["IBMTP_IAM_URL"] = Iam.BaseUrl.ToString();
        root.Environment["IBMTP_TIMEOUT"] = "5";
    }
}
