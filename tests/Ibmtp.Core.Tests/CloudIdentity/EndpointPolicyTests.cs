using Ibmtp.CloudIdentity;

namespace Ibmtp.Tests.CloudIdentity;

[TestFixture]
public sealed class EndpointPolicyTests
{
    [TestCase("https://iam.cloud.ibm.com")]
    [TestCase("http://127.0.0.1:8080")]
    [TestCase("http://localhost:8080")]
    [TestCase("http://[::1]:8080")]
    public void Https_and_loopback_http_are_accepted(string url)
    {
        Assert.That(EndpointPolicy.Check(url, out var accepted), Is.Null);
        Assert.That(accepted.ToString(), Does.StartWith(url));
    }

    [TestCase("http://iam.cloud.ibm.com")]
    [TestCase("http://10.0.0.1")]
    public void Plain_http_elsewhere_is_refused_saying_https_is_required(string url)
    {
        Assert.That(EndpointPolicy.Check(url, out _), Does.Contain("https is required"));
    }

    [TestCase("ftp://iam.cloud.ibm.com")]
    [TestCase("iam.cloud.ibm.com")]
    public void Anything_but_an_http_URL_is_refused(string url)
    {
        Assert.That(EndpointPolicy.Check(url, out _), Is.EqualTo("not an http(s) URL"));
    }

    [TestCase("http://169.254.169.254")]
    [TestCase("http://169.254.169.254:80/")]
    [TestCase("https://api.metadata.cloud.ibm.com")]
    [TestCase("http://127.0.0.1:8080")]
    public void A_metadata_service_may_be_plain_http_on_the_link_local_address(string url)
    {
        Assert.That(EndpointPolicy.CheckOnLink(url, out _), Is.Null);
    }

    [TestCase("http://api.metadata.cloud.ibm.com")]
    [TestCase("http://169.255.169.254")]
    [TestCase("http://10.0.0.1")]
    public void A_metadata_service_reached_by_name_or_routed_address_needs_https(string url)
    {
        Assert.That(EndpointPolicy.CheckOnLink(url, out _), Is.EqualTo("https is required (plain http is allowed only for loopback and link-local addresses)"));
    }

    [Test]
    public void Plain_http_to_a_link_local_address_is_still_refused_for_IAM()
    {
        Assert.That(EndpointPolicy.Check("http://169.254.169.254", out _), Does.Contain("https is required"));
    }
}
