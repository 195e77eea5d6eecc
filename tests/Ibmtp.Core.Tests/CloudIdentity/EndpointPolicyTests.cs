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
}
