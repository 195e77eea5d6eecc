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

    [TestCase("https://iam.cloud.ibm.com?a=b", "remove the query (the part from '?')")]
    [TestCase("https://iam.cloud.ibm.com/identity/token?x", "remove the query (the part from '?')")]
    [TestCase("https://iam.cloud.ibm.com/?", "remove the query (the part from '?')")]
    [TestCase("https://iam.cloud.ibm.com/identity/token#f", "remove the fragment (the part from '#')")]
    [TestCase("https://iam.cloud.ibm.com#", "remove the fragment (the part from '#')")]
    [TestCase("https://user:password@iam.cloud.ibm.com", "remove the user info (the part up to '@')")]
    [TestCase("https://user@iam.cloud.ibm.com", "remove the user info (the part up to '@')")]
    [TestCase("https://@iam.cloud.ibm.com", "remove the user info (the part up to '@')")]
    [TestCase("http://127.0.0.1:8080/?a=b", "remove the query (the part from '?')")]
    public void An_endpoint_with_a_query_fragment_or_user_info_is_refused_saying_what_to_remove(string url, string expected)
    {
        Assert.That(EndpointPolicy.Check(url, out _), Does.StartWith(expected));
    }

    [TestCase("http://169.254.169.254/x?y", "remove the query (the part from '?')")]
    [TestCase("https://api.metadata.cloud.ibm.com#f", "remove the fragment (the part from '#')")]
    [TestCase("http://user@169.254.169.254", "remove the user info (the part up to '@')")]
    public void A_metadata_service_with_a_query_fragment_or_user_info_is_refused_saying_what_to_remove(string url, string expected)
    {
        Assert.That(EndpointPolicy.CheckOnLink(url, out _), Does.StartWith(expected));
    }

    [Test]
    public void An_at_sign_in_the_path_is_no_user_info()
    {
        Assert.That(EndpointPolicy.Check("https://proxy.example/iam@eu", out _), Is.Null);
    }
}
