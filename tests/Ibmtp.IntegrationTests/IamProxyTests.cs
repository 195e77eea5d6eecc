using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// IAM behind an HTTP proxy, as .NET's HttpClient reads one from the environment: the published binary reaches IAM
/// over https through a <c>CONNECT</c> tunnel, so the proxy relays only TLS and never sees the API key or a token;
/// NO_PROXY, in the forms .NET reads, sends the call past the proxy; a machine's metadata service is never proxied.
/// </summary>
[TestFixture]
public sealed class IamProxyTests() : IamEmulatorFixture(useHttps: true)
{
    private ConnectProxy proxy = null!;

    private string IamAuthority => $"{Iam.BaseUrl.Host}:{Iam.BaseUrl.Port}";

    [SetUp]
    public void StartProxy()
    {
        proxy = new ConnectProxy();
        UseTokenMode(IamWorld.Builder.Id);
        Set(("SSL_CERT_FILE", Iam.TlsCertificatePemPath ?? throw new InvalidOperationException("the emulator does not serve HTTPS")));
    }

    [TearDown]
    public async Task StopProxyAsync() => await proxy.DisposeAsync();

    [TestCase("HTTPS_PROXY")]
    [TestCase("https_proxy")]
    [TestCase("ALL_PROXY")]
    [TestCase("all_proxy")]
    public async Task The_proxy_the_environment_names_is_reached_with_CONNECT_and_relays_only_TLS(string variable)
    {
        Set((variable, proxy.Url));

        var token = await GetBearerTokenAsync();
        await proxy.IdleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(proxy.RequestLines, Is.Not.Empty.And.All.EqualTo($"CONNECT {IamAuthority} HTTP/1.1"), "the proxy is asked for a tunnel to IAM, and for nothing else");
            Assert.That(proxy.RelayedBytes, Is.GreaterThan(1000), "both grants went through the tunnel, so the checks below look at them");
            AssertNothingCrossedInClear(World.BuilderApiKey, token);
        });
    }

    /// <summary>.NET names the proxy, user and password included, when it refuses the tunnel.</summary>
    [Test]
    public async Task A_proxy_that_refuses_the_tunnel_is_named_without_its_password()
    {
        const string password = "Pr0xy-Passw0rd-7c1e";
        proxy.RefusesTunnels = true;
        Set(("HTTPS_PROXY", $"http://builder:{password}@{proxy.Authority}"), ("IBMTP_TIMEOUT", "2"));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(proxy.RequestLines, Is.Not.Empty.And.All.EqualTo($"CONNECT {IamAuthority} HTTP/1.1"));
            Assert.That(line, Does.Contain("403"), "the proxy's refusal is what the user must see");
            Assert.That(line, Does.Not.Contain(password));
            Assert.That(Home.ReadLog(), Does.Not.Contain(password));
            Assert.That(Home.FilesContainingSecret(password), Is.Empty);
        });
    }

    [Test]
    public async Task A_proxy_named_without_its_scheme_is_taken_as_an_http_proxy()
    {
        Set(("HTTPS_PROXY", proxy.Authority));

        await GetBearerTokenAsync();

        Assert.That(proxy.RequestLines, Is.Not.Empty.And.All.EqualTo($"CONNECT {IamAuthority} HTTP/1.1"));
    }

    [TestCase("HTTP_PROXY")]
    [TestCase("http_proxy")]
    public async Task A_proxy_for_plain_http_is_not_used_for_IAM_over_https(string variable)
    {
        Set((variable, proxy.Url));

        await GetBearerTokenAsync();

        Assert.That(proxy.RequestLines, Is.Empty);
    }

    [TestCase("NO_PROXY", "127.0.0.1", "127.0.0.1")]
    [TestCase("no_proxy", "127.0.0.1", "127.0.0.1")]
    [TestCase("NO_PROXY", "registry.example, 127.0.0.1", "127.0.0.1")]
    [TestCase("NO_PROXY", "localhost", "localhost")]
    [TestCase("NO_PROXY", ".localhost", "localhost")]
    public async Task NO_PROXY_naming_the_IAM_host_sends_the_call_past_the_proxy(string variable, string hosts, string iamHost)
    {
        Set(("HTTPS_PROXY", proxy.Url), (variable, hosts), ("IBMTP_IAM_URL", new UriBuilder(Iam.BaseUrl) { Host = iamHost }.Uri.ToString()));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(proxy.RequestLines, Is.Empty, "the proxy must see nothing, not even a CONNECT");
        });
    }

    /// <summary>
    /// .NET compares each NO_PROXY entry with the host name alone: no wildcard, address range or port, and another name
    /// for the same address is another host. Such an entry leaves the call on the proxy, still inside TLS.
    /// </summary>
    [TestCase("*")]
    [TestCase("127.0.0.0/8")]
    [TestCase("127.0.0.1:{port}")]
    [TestCase("localhost")]
    public async Task NO_PROXY_forms_that_dotnet_does_not_read_leave_the_call_on_the_proxy(string hosts)
    {
        Set(("HTTPS_PROXY", proxy.Url), ("NO_PROXY", hosts.Replace("{port}", Iam.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        var token = await GetBearerTokenAsync();
        await proxy.IdleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(proxy.RequestLines, Is.Not.Empty.And.All.EqualTo($"CONNECT {IamAuthority} HTTP/1.1"));
            AssertNothingCrossedInClear(World.BuilderApiKey, token);
        });
    }

    [Test]
    public async Task A_lower_case_no_proxy_even_empty_hides_NO_PROXY()
    {
        Set(("HTTPS_PROXY", proxy.Url), ("NO_PROXY", "127.0.0.1"), ("no_proxy", ""));

        await GetBearerTokenAsync();

        Assert.That(proxy.RequestLines, Is.Not.Empty.And.All.EqualTo($"CONNECT {IamAuthority} HTTP/1.1"));
    }

    /// <summary>
    /// A machine's metadata service is reached only from the machine itself: a proxy elsewhere would reach its own
    /// machine's, or none. So the helper calls it directly, over https too, whatever proxy is set.
    /// </summary>
    [TestCase("vpc", "IBMTP_VPC_METADATA_URL")]
    [TestCase("powervs", "IBMTP_POWERVS_METADATA_URL")]
    public async Task A_metadata_service_is_called_directly_whatever_proxy_is_set(string mode, string urlVariable)
    {
        Set(("IBMTP_MODE", mode), ("HTTPS_PROXY", proxy.Url), ("ALL_PROXY", proxy.Url));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Home.Environment[urlVariable], Does.StartWith("https://127.0.0.1:"), "otherwise this test never reaches the https proxy");
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(proxy.RequestLines, Is.Empty, "the proxy must see nothing, not even a CONNECT");
        });
    }

    /// <summary>The key and the token, in every form they could take, and the HTTP requests themselves, are nowhere in what the proxy was sent.</summary>
    private void AssertNothingCrossedInClear(string apiKey, string token)
    {
        foreach (var secret in SecretEncodings.Of(apiKey).Concat(SecretEncodings.Of(token)))
        {
            Assert.That(proxy.Saw(secret), Is.False, "a secret crossed the proxy in clear");
        }

        Assert.That(proxy.Saw("/identity/token") || proxy.Saw("grant_type") || proxy.Saw("access_token"), Is.False, "IAM's requests and answers crossed the proxy in clear");
    }
}
