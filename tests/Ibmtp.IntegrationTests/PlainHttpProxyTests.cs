using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// IAM over plain http, which the helper allows on loopback only: whatever proxy the environment names for http, the
/// published binary calls IAM directly. A proxy would be sent the request, API key included, in clear.
/// </summary>
[TestFixture]
public sealed class PlainHttpProxyTests() : IamEmulatorFixture(useHttps: false)
{
    [TestCase("HTTP_PROXY")]
    [TestCase("http_proxy")]
    [TestCase("ALL_PROXY")]
    [TestCase("all_proxy")]
    public async Task IAM_on_loopback_over_plain_http_is_called_directly_never_through_the_proxy(string variable)
    {
        await using var proxy = new ConnectProxy();
        UseTokenMode(IamWorld.Builder.Id);
        // Short, so that a helper sending its calls to the proxy, which refuses them, gives up soon.
        Set((variable, proxy.Url), ("IBMTP_TIMEOUT", "3"));

        var get = await GetAsync();
        await proxy.IdleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Home.Environment["IBMTP_IAM_URL"], Does.StartWith("http://127.0.0.1:"), "otherwise this test never sends plain http");
            Assert.That(proxy.RequestLines, Is.Empty, "the proxy must not be sent anything");
            Assert.That(proxy.Saw(World.BuilderApiKey), Is.False, "the key crossed the proxy in clear");
            Assert.That(get.ExitCode, Is.EqualTo(0), get.ToString());
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
        });
    }
}
