using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Every call a client makes of the published Linux binary, made in a root of the derived fixture's
/// (<see cref="MinimalRoot"/>), fresh for each test, against an IAM emulator served over https:
/// version, a host not served, an API key from the environment, the file keystore, token mode with
/// the emulator's CA in SSL_CERT_FILE or in the root's own CA bundle, the token cache and the kubelet provider;
/// and whatever OpenSSL configuration the root holds, none is read.
/// </summary>
[Category(NativeBinary.Category)]
public abstract class HelperInRootFixture() : IamEmulatorFixture(useHttps: true)
{
    private MinimalRoot? root;

    protected MinimalRoot Root => root ?? throw new InvalidOperationException("no test is running");

    protected string CertificatePemPath => Iam.TlsCertificatePemPath ?? throw new InvalidOperationException("the emulator does not serve HTTPS");

    [SetUp]
    public async Task CreateRootAsync() => root = await CreateRootForTestAsync();

    [TearDown]
    public void DisposeRoot()
    {
        root?.Dispose();
        root = null;
    }

    /// <summary>The root a test runs in.</summary>
    protected abstract Task<MinimalRoot> CreateRootForTestAsync();

    /// <summary>Makes the root's programs trust the emulator's CA as its distribution has them trust one, with no variable set.</summary>
    protected virtual Task TrustTheEmulatorsCaAsync()
    {
        Root.CopyIn(CertificatePemPath, "/etc/ssl/certs/ca-certificates.crt");
        return Task.CompletedTask;
    }

    [Test]
    public async Task Version_answers()
    {
        var version = await Root.RunAsync("version");

        Assert.That(version.ExitCode, Is.Zero, version.ToString());
        Assert.That(version.StandardOutput, Does.StartWith("docker-credential-ibmtp (ibmtp) "));
    }

    [Test]
    public async Task A_host_not_served_is_not_found() =>
        HelperOutput.AssertNotFound(await Root.RunAsync("get", "docker.io"));

    [Test]
    public async Task An_API_key_from_the_environment_is_the_login()
    {
        Root.Environment["IBMTP_API_KEY"] = World.BuilderApiKey;
        Root.Environment["IBMTP_PROFILE_ID"] = IamWorld.Builder.Id;

        var get = await Root.RunAsync("get", Registry);

        Assert.That(HelperOutput.Credentials(get), Is.EqualTo((Registry, IamWorld.Builder.Id, World.BuilderApiKey)));
    }

    [Test]
    public async Task The_file_keystore_stores_lists_gets_and_erases()
    {
        var store = await Root.RunAsync("store", $$"""{"ServerURL":"{{Registry}}","Username":"{{IamWorld.Builder.Id}}","Secret":"{{World.BuilderApiKey}}"}""");
        var list = await Root.RunAsync("list");
        var get = await Root.RunAsync("get", Registry);
        var erase = await Root.RunAsync("erase", Registry);
        var getAfterErase = await Root.RunAsync("get", Registry);

        Assert.Multiple(() =>
        {
            HelperOutput.AssertSilentSuccess(store);
            Assert.That(HelperOutput.List(list), Is.EqualTo(new Dictionary<string, string> { [Registry] = IamWorld.Builder.Id }));
            Assert.That(HelperOutput.Credentials(get), Is.EqualTo((Registry, IamWorld.Builder.Id, World.BuilderApiKey)));
            HelperOutput.AssertSilentSuccess(erase);
            HelperOutput.AssertNotFound(getAfterErase);
            Assert.That(Root.Files(), Does.Contain($"{Root.Home}/.local/share/ibmtp/keystore.json"));
        });
    }

    [Test]
    public async Task Token_mode_reaches_IAM_over_TLS_with_the_CA_of_SSL_CERT_FILE_and_caches_the_token()
    {
        UseTokenModeInRoot();
        Root.CopyIn(CertificatePemPath, "/etc/iam-ca.pem");
        Root.Environment["SSL_CERT_FILE"] = "/etc/iam-ca.pem";

        var first = await Root.RunAsync("get", Registry);
        var second = await Root.RunAsync("get", Registry);

        var (_, username, token) = HelperOutput.Credentials(first);
        Assert.Multiple(() =>
        {
            Assert.That(username, Is.EqualTo(BearerUsername));
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(HelperOutput.Credentials(second).Secret, Is.EqualTo(token), "the second get is served from the cache");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(Root.Files(), Has.Some.Match($@"^{Root.Home}/\.cache/ibmtp/.*\.token$"));
        });
    }

    [Test]
    public async Task The_kubelet_provider_answers_from_the_cache()
    {
        UseTokenModeInRoot();
        await TrustTheEmulatorsCaAsync();
        var cold = await Root.RunAsync("get", Registry);
        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());

        var kubelet = await Root.RunAsync("kubelet", KubeletRequests.ForAnImageInUsIcr);

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
    /// The OpenSSL linked into the binary reads no configuration: neither the file its build names
    /// (/usr/lib/ssl/openssl.cnf, Debian's) nor one OPENSSL_CONF names. Each here loads a provider that, loaded,
    /// ends the process with <see cref="ExitingModule.ExitStatusWhenLoaded"/>; token mode still reaches IAM over TLS.
    /// </summary>
    [Test]
    public async Task No_OpenSSL_configuration_is_read_neither_the_default_file_nor_OPENSSL_CONFs()
    {
        UseTokenModeInRoot();
        Root.Environment["IBMTP_NO_CACHE"] = "1";
        await TrustTheEmulatorsCaAsync();
        Root.CopyIn(await ExitingModule.BuildAsync(Root.Outside("/tmp/module-build")), "/usr/lib/ssl/exiting-provider.so");
        const string configuration = """
            openssl_conf = startup
            [startup]
            providers = providers
            [providers]
            exiting = exiting
            [exiting]
            module = /usr/lib/ssl/exiting-provider.so
            activate = 1
            """;
        Root.WriteFile("/usr/lib/ssl/openssl.cnf", configuration);
        Root.WriteFile("/etc/helper-openssl.cnf", configuration);

        var withTheDefaultFile = await Root.RunAsync("get", Registry);
        Root.Environment["OPENSSL_CONF"] = "/etc/helper-openssl.cnf";
        var withOpensslConf = await Root.RunAsync("get", Registry);

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(HelperOutput.Credentials(withTheDefaultFile).Secret), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Subject(HelperOutput.Credentials(withOpensslConf).Secret), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(2)));
        });
    }

    protected void UseTokenModeInRoot()
    {
        Root.Environment["IBMTP_MODE"] = "token";
        Root.Environment["IBMTP_API_KEY"] = World.BuilderApiKey;
        Root.Environment["IBMTP_PROFILE_ID"] = IamWorld.Builder.Id;
        Root.Environment["IBMTP_IAM_URL"] = Iam.BaseUrl.ToString();
        Root.Environment["IBMTP_TIMEOUT"] = "5";
    }
}
