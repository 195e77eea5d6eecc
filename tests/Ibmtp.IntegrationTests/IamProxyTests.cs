using System.Net;
using System.Text;
using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// IAM behind an HTTP proxy, as .NET's HttpClient reads one from the environment: the published binary reaches IAM
/// over https through a <c>CONNECT</c> tunnel, so the proxy relays only TLS and never sees the API key or a token;
/// NO_PROXY, in the forms .NET reads, sends the call past the proxy; loopback and a machine's metadata service are
/// never proxied. IAM is the emulator under a name that is not loopback (<see cref="IamEmulator.NonLoopbackName"/>),
/// which the proxy resolves for its tunnels and the helper, run in a private mount namespace, through its own
/// /etc/hosts when it calls IAM directly.
/// </summary>
[TestFixture]
public sealed class IamProxyTests() : IamEmulatorFixture(useHttps: true)
{
    /// <summary>Past this a get is killed and the test fails: far beyond any deadline the tests set.</summary>
    private static readonly TimeSpan HelperLimit = TimeSpan.FromSeconds(60);

    /// <summary>A deadline the retries of a get that should fail at once would run into: <see cref="WellUnderTheDeadline"/> tells them apart.</summary>
    private const string LongDeadline = "30";

    private static readonly TimeSpan WellUnderTheDeadline = TimeSpan.FromSeconds(10);

    private TempDirectory hostsFolder = null!;
    private PrivateMountNamespace mounts = null!;
    private ConnectProxy proxy = null!;

    private string IamAuthority => $"{IamEmulator.NonLoopbackName}:{Iam.BaseUrl.Port}";

    [OneTimeSetUp]
    public async Task NameTheEmulatorAsync()
    {
        hostsFolder = new TempDirectory("ibmtp-proxy-hosts");
        mounts = await PrivateMountNamespace.CreateAsync();
        await mounts.MountHostsFileAsync(hostsFolder.Path, IamEmulator.NonLoopbackName);
    }

    [OneTimeTearDown]
    public void ForgetTheName()
    {
        mounts?.Dispose();
        hostsFolder?.Dispose();
    }

    [SetUp]
    public void StartProxy()
    {
        proxy = new ConnectProxy { LoopbackNames = [IamEmulator.NonLoopbackName] };
        UseTokenMode(IamWorld.Builder.Id);
        Set(
            ("SSL_CERT_FILE", Iam.TlsCertificatePemPath ?? throw new InvalidOperationException("the emulator does not serve HTTPS")),
            ("IBMTP_IAM_URL", NotLoopback(Home.Environment["IBMTP_IAM_URL"])));
    }

    [TearDown]
    public async Task StopProxyAsync() => await proxy.DisposeAsync();

    protected override Task<ProcessResult> GetAsync() => mounts.RunHelperAsync(Home, HelperLimit, "get", Registry);

    /// <summary><paramref name="url"/>, an emulator's, with <paramref name="host"/> for its host.</summary>
    private static string On(string url, string host) => new UriBuilder(url) { Host = host }.Uri.ToString();

    private static string NotLoopback(string url) => On(url, IamEmulator.NonLoopbackName);

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

    /// <summary>
    /// A proxy that refuses the tunnel will refuse it again: the get fails at once, long before its deadline, on one
    /// line naming the proxy by host and port, its answer, and what to check.
    /// </summary>
    [Test]
    public async Task A_proxy_that_forbids_the_tunnel_fails_the_get_at_once_naming_the_proxy_and_its_answer()
    {
        proxy.RefusesTunnelsWith = HttpStatusCode.Forbidden;
        Set(("HTTPS_PROXY", proxy.Url), ("IBMTP_TIMEOUT", LongDeadline));

        var (get, elapsed) = await TimedAsync(GetAsync);

        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.Multiple(() =>
        {
            Assert.That(proxy.RequestLines, Is.EqualTo(new[] { $"CONNECT {IamAuthority} HTTP/1.1" }), "asked once, never again");
            Assert.That(elapsed, Is.LessThan(WellUnderTheDeadline), get.ToString());
            Assert.That(line, Does.Contain($"the proxy {proxy.Authority} refused the tunnel with HTTP 403 (Forbidden)"));
            Assert.That(line, Does.Contain("HTTPS_PROXY").And.Contain("NO_PROXY"));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    /// <summary>
    /// A proxy that wants a user and password gets those HTTPS_PROXY carries, as .NET answers its challenge; refusing
    /// them too fails the get at once, saying where they go, and neither appears in the line, the log or any file.
    /// (.NET's own error names the proxy's URL whole.)
    /// </summary>
    [Test]
    public async Task A_proxy_that_refuses_its_credentials_fails_the_get_at_once_without_echoing_them()
    {
        const string user = "proxy-user-5d2a";
        const string password = "Pr0xy-Passw0rd-7c1e";
        proxy.RefusesTunnelsWith = HttpStatusCode.ProxyAuthenticationRequired;
        Set(("HTTPS_PROXY", $"http://{user}:{password}@{proxy.Authority}"), ("IBMTP_TIMEOUT", LongDeadline));

        var (get, elapsed) = await TimedAsync(GetAsync);

        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.Multiple(() =>
        {
            Assert.That(proxy.Saw($"Proxy-Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))}"), Is.True, "the credentials were offered, and refused");
            Assert.That(proxy.RequestLines, Has.Count.EqualTo(2).And.All.EqualTo($"CONNECT {IamAuthority} HTTP/1.1"), "the challenge and the answer to it, never again");
            Assert.That(elapsed, Is.LessThan(WellUnderTheDeadline), get.ToString());
            Assert.That(line, Does.Contain($"the proxy {proxy.Authority} refused the tunnel with HTTP 407 (Proxy Authentication Required)"));
            Assert.That(line, Does.Contain("user and password").And.Contain("HTTPS_PROXY"));
            Assert.That(line, Does.Not.Contain(password).And.Not.Contain(user));
            Assert.That(Home.ReadLog(), Does.Not.Contain(password).And.Not.Contain(user));
            Assert.That(Home.FilesContainingSecret(password), Is.Empty);
        });
    }

    /// <summary>
    /// 429 and the 5xx are a proxy that is overloaded, failed or could not reach IAM: worth asking again, as IAM's own
    /// are, until the deadline; the line then names the proxy and its answer, still without a password.
    /// </summary>
    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task A_proxy_that_cannot_reach_IAM_is_asked_again_until_the_deadline(HttpStatusCode status)
    {
        const string password = "Pr0xy-Passw0rd-7c1e";
        proxy.RefusesTunnelsWith = status;
        Set(("HTTPS_PROXY", $"http://proxy-user:{password}@{proxy.Authority}"), ("IBMTP_TIMEOUT", "2"));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(proxy.RequestLines, Has.Count.GreaterThan(1).And.All.EqualTo($"CONNECT {IamAuthority} HTTP/1.1"));
            Assert.That(line, Does.Contain($"is unavailable: the proxy {proxy.Authority} refused the tunnel with HTTP {(int)status}").And.Contain("IBMTP_TIMEOUT"));
            Assert.That(line, Does.Not.Contain(password));
            Assert.That(Home.ReadLog(), Does.Not.Contain(password));
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

    [TestCase("NO_PROXY", IamEmulator.NonLoopbackName)]
    [TestCase("no_proxy", IamEmulator.NonLoopbackName)]
    [TestCase("NO_PROXY", "registry.example, " + IamEmulator.NonLoopbackName)]
    [TestCase("NO_PROXY", ".emulator.test")]
    [TestCase("NO_PROXY", "." + IamEmulator.NonLoopbackName)]
    public async Task NO_PROXY_naming_the_IAM_host_sends_the_call_past_the_proxy(string variable, string hosts)
    {
        Set(("HTTPS_PROXY", proxy.Url), (variable, hosts));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(proxy.RequestLines, Is.Empty, "the proxy must see nothing, not even a CONNECT");
        });
    }

    /// <summary>
    /// .NET compares each NO_PROXY entry with the host name alone: no wildcard, no port, a name without a leading dot
    /// is that host only (curl and Go would take its subdomains too), and the address a name stands for is another
    /// host. Such an entry leaves the call on the proxy, still inside TLS.
    /// </summary>
    [TestCase("*")]
    [TestCase("*.emulator.test")]
    [TestCase("emulator.test")]
    [TestCase(IamEmulator.NonLoopbackName + ":{port}")]
    [TestCase("127.0.0.1")]
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
        Set(("HTTPS_PROXY", proxy.Url), ("NO_PROXY", IamEmulator.NonLoopbackName), ("no_proxy", ""));

        await GetBearerTokenAsync();

        Assert.That(proxy.RequestLines, Is.Not.Empty.And.All.EqualTo($"CONNECT {IamAuthority} HTTP/1.1"));
    }

    /// <summary>
    /// Go's net/http, and so docker, podman, skopeo and the Go credential helpers, never send a request for a loopback
    /// destination to a proxy: 127.0.0.0/8, ::1 and localhost are this machine, which a proxy elsewhere cannot reach.
    /// Nor does the helper, whatever HTTPS_PROXY, ALL_PROXY and NO_PROXY say.
    /// </summary>
    [TestCase("127.0.0.1", "HTTPS_PROXY")]
    [TestCase("127.0.0.1", "ALL_PROXY")]
    [TestCase("localhost", "HTTPS_PROXY")]
    [TestCase("localhost", "all_proxy")]
    public async Task IAM_on_loopback_is_called_directly_whatever_proxy_is_set(string host, string variable)
    {
        Set((variable, proxy.Url), ("NO_PROXY", "registry.example"), ("IBMTP_IAM_URL", On(Iam.BaseUrl.ToString(), host)));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(proxy.RequestLines, Is.Empty, "the proxy must see nothing, not even a CONNECT");
        });
    }

    /// <summary>
    /// A machine's metadata service is reached only from the machine itself: a proxy elsewhere would reach its own
    /// machine's, or none. So the helper calls it directly, over https too, whatever proxy is set, even by a name.
    /// </summary>
    [TestCase("vpc", "IBMTP_VPC_METADATA_URL")]
    [TestCase("powervs", "IBMTP_POWERVS_METADATA_URL")]
    public async Task A_metadata_service_is_called_directly_whatever_proxy_is_set(string mode, string urlVariable)
    {
        Set(("IBMTP_MODE", mode), ("HTTPS_PROXY", proxy.Url), ("ALL_PROXY", proxy.Url), (urlVariable, NotLoopback(Home.Environment[urlVariable])));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Home.Environment[urlVariable], Does.StartWith($"https://{IamEmulator.NonLoopbackName}:"), "otherwise this test never reaches the https proxy");
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
