using System.Net;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Iam;

/// <summary>
/// A proxy that will not open the tunnel to IAM: a refusal (403, 407, ...) is the proxy's settings or ours, so the call
/// fails at once, on one line naming the proxy by host and port (never its user or password), its answer, and what to
/// check; 429 and the 5xx say it is overloaded, failed or could not reach IAM, and are tried again within the
/// deadline like IAM's own.
/// </summary>
[TestFixture]
public sealed class TunnelRefusalTests
{
    private const string ProxyUser = "proxy-user-5d2a";
    private const string ProxyPassword = "Pr0xy-Passw0rd-7c1e";
    private static readonly Secret ApiKey = new("test-api-key-0123456789abcdefghijklmnopqrs");
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static FakeHttp BehindProxy() =>
        new() { Proxy = new WebProxy(new Uri($"http://{ProxyUser}:{ProxyPassword}@proxy.example:3128")) };

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.NotFound)]
    public void A_proxy_refusing_the_tunnel_for_any_other_reason_is_not_asked_again(HttpStatusCode status)
    {
        var http = BehindProxy().RefuseTunnel(status).AnswerToken("never-reached");
        using var deadline = new Deadline(TimeSpan.FromSeconds(30), TimeProvider.System);
        using var iam = http.Iam();

        Assert.ThrowsAsync<HelperException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));
        Assert.That(http.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_proxy_forbidding_the_tunnel_fails_the_call_at_once_naming_itself_and_what_to_check()
    {
        var http = BehindProxy().RefuseTunnel(HttpStatusCode.Forbidden).AnswerToken("never-reached");
        using var deadline = new Deadline(TimeSpan.FromSeconds(30), TimeProvider.System);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<HelperException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error, Is.Not.InstanceOf<IamUnavailableException>(), "a stale token must not paper over it");
        Assert.That(error!.Message, Is.EqualTo(
            "IAM at https://iam.test.example/: the proxy proxy.example:3128 refused the tunnel with HTTP 403 (Forbidden); " +
            "check that HTTPS_PROXY (or ALL_PROXY) names the right proxy, and add IAM's host to NO_PROXY if it is to be called directly"));
        Assert.That(http.Requests, Has.Count.EqualTo(1), "not retried");
    }

    [Test]
    public void A_proxy_asking_for_credentials_fails_the_call_at_once_saying_where_they_go_without_echoing_them()
    {
        var http = BehindProxy().RefuseTunnel(HttpStatusCode.ProxyAuthenticationRequired).AnswerToken("never-reached");
        using var deadline = new Deadline(TimeSpan.FromSeconds(30), TimeProvider.System);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<HelperException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error, Is.Not.InstanceOf<IamUnavailableException>());
        Assert.That(error!.Message, Does.Contain("the proxy proxy.example:3128 refused the tunnel with HTTP 407 (Proxy Authentication Required)")
            .And.Contain("user and password").And.Contain("HTTPS_PROXY")
            .And.Not.Contain(ProxyPassword).And.Not.Contain(ProxyUser));
        Assert.That(http.Requests, Has.Count.EqualTo(1), "not retried");
    }

    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task A_proxy_that_is_overloaded_failed_or_could_not_reach_IAM_is_asked_again(HttpStatusCode status)
    {
        var http = BehindProxy().RefuseTunnel(status).AnswerToken("through-the-tunnel");
        var clock = new FastForwardClock(Start);
        using var deadline = new Deadline(TimeSpan.FromSeconds(10), clock);
        using var iam = http.Iam(clock);

        var token = await iam.ApiKeyTokenAsync(ApiKey, deadline);

        Assert.That(token.AccessToken.Value, Is.EqualTo("through-the-tunnel"));
        Assert.That(http.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_proxy_that_never_reaches_IAM_ends_the_call_at_the_deadline_naming_itself_without_its_password()
    {
        var http = BehindProxy();
        for (var i = 0; i < 100; i++)
            http.RefuseTunnel(HttpStatusCode.ServiceUnavailable);
        var clock = new FastForwardClock(Start);
        using var deadline = new Deadline(TimeSpan.FromSeconds(2), clock);
        using var iam = http.Iam(clock);

        var error = Assert.ThrowsAsync<IamUnavailableException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.StartWith("IAM at https://iam.test.example/ is unavailable: the proxy proxy.example:3128 refused the tunnel with HTTP 503 (Service Unavailable) after ")
            .And.Contain("IBMTP_TIMEOUT").And.Not.Contain(ProxyPassword).And.Not.Contain(ProxyUser));
        Assert.That(http.Requests, Has.Count.GreaterThan(1));
    }
}
