using Ibmtp.Iam;

namespace Ibmtp.Tests.Iam;

/// <summary>
/// Which IAM endpoints go through the proxy the environment names: as in Go's net/http, whose ProxyFromEnvironment
/// docker, podman and skopeo use, a loopback host (localhost, 127.0.0.0/8, ::1) never does, whatever the environment
/// says; another name is proxied even when it resolves to loopback, since the name alone decides.
/// </summary>
[TestFixture]
public sealed class ProxyChoiceTests
{
    [TestCase("https://127.0.0.1:8443/")]
    [TestCase("https://127.42.0.9/")]
    [TestCase("https://localhost:8443/")]
    [TestCase("https://LOCALHOST/")]
    [TestCase("https://[::1]:8443/")]
    [TestCase("https://[::ffff:127.0.0.1]/")]
    [TestCase("http://127.0.0.1:8080/")]
    public void IAM_on_loopback_is_called_directly(string url)
    {
        using var client = HttpClients.Create(new Uri(url));

        Assert.That(client.Options.Proxy, Is.SameAs(DirectConnection.Instance));
    }

    [TestCase("https://iam.cloud.ibm.com/")]
    [TestCase("https://private.iam.cloud.ibm.com/")]
    [TestCase("https://10.0.0.1/")]
    [TestCase("https://[fd00::1]/")]
    [TestCase("https://0.0.0.0/")]
    [TestCase("https://localhost.example/")]
    [TestCase("https://app.localhost/")]
    public void IAM_elsewhere_goes_through_the_proxy_the_environment_names(string url)
    {
        using var client = HttpClients.Create(new Uri(url));

        Assert.That(client.Options.Proxy, Is.SameAs(HttpClient.DefaultProxy));
    }

    [TestCase("https://127.0.0.1:8443/")]
    [TestCase("https://private.iam.cloud.ibm.com/")]
    public void A_metadata_service_is_called_directly_wherever_it_is(string url)
    {
        using var client = HttpClients.CreateForMetadataService(new Uri(url));

        Assert.That(client.Options.Proxy, Is.SameAs(DirectConnection.Instance));
    }
}
