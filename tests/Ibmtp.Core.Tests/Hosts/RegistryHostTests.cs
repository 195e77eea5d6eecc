using Ibmtp.Hosts;

namespace Ibmtp.Tests.Hosts;

[TestFixture]
public class RegistryHostTests
{
    [TestCase("us.icr.io")]
    [TestCase("https://us.icr.io/")]
    [TestCase("https://us.icr.io/v2/")]
    [TestCase("http://us.icr.io")]
    [TestCase("us.icr.io:443")]
    [TestCase("https://us.icr.io:443/")]
    [TestCase("US.ICR.IO")]
    [TestCase("us.icr.io\n")]
    [TestCase("  us.icr.io \r\n")]
    [TestCase("us.icr.io.")]
    [TestCase("https://us.icr.io.:443/v2/")]
    public void Every_form_a_client_sends_normalises_to_the_bare_lower_case_host(string address)
    {
        Assert.That(RegistryHost.TryParse(address, out var host), Is.True);
        Assert.That(host.ToString(), Is.EqualTo("us.icr.io"));
    }

    [Test]
    public void Different_forms_of_one_registry_are_equal_hosts()
    {
        RegistryHost.TryParse("https://US.icr.io:443/v2/", out var fromUrl);
        RegistryHost.TryParse("us.icr.io", out var bare);

        Assert.That(fromUrl, Is.EqualTo(bare));
    }

    [TestCase("localhost:5000", "localhost:5000")]
    [TestCase("http://127.0.0.1:5000/v2/", "127.0.0.1:5000")]
    [TestCase("Mirror.Example.COM:8443", "mirror.example.com:8443")]
    [TestCase("[::1]:5000", "[::1]:5000")]
    public void A_port_other_than_443_is_kept(string address, string expected)
    {
        Assert.That(RegistryHost.TryParse(address, out var host), Is.True);
        Assert.That(host.ToString(), Is.EqualTo(expected));
    }

    [TestCase("evil.example/x://us.icr.io", "evil.example")]
    [TestCase("HTTPS://evil.example/x://us.icr.io", "evil.example")]
    [TestCase("evil.example/https://us.icr.io/", "evil.example")]
    public void Only_a_leading_http_or_https_scheme_is_taken_off(string address, string expected)
    {
        Assert.That(RegistryHost.TryParse(address, out var host), Is.True);
        Assert.That(host.ToString(), Is.EqualTo(expected));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   \n")]
    [TestCase("https://")]
    [TestCase("not a host")]
    [TestCase("us.icr.io:https")]
    [TestCase("us.icr.io:0")]
    [TestCase("us.icr.io:65536")]
    [TestCase("us.icr.io:-1")]
    [TestCase("us..icr.io")]
    [TestCase("us.icr.io..")]
    [TestCase("us.icr.io...:443")]
    [TestCase("[::1]..:5000")]
    [TestCase("[::1].:5000")]
    [TestCase(".icr.io")]
    [TestCase("us.icr.io;rm -rf")]
    [TestCase("us.icr.io:5000:6000")]
    [TestCase("us[1].icr.io")]
    [TestCase("us.icr.io\0")]
    [TestCase("us.icr.io:443\0")]
    [TestCase("localhost:5000\0\0")]
    [TestCase("us.icr.io:\u0664\u0664\u0663")]
    [TestCase("ус.icr.io")]
    [TestCase("://us.icr.io")]
    [TestCase("ftp://us.icr.io")]
    [TestCase("evil.example://us.icr.io")]
    [TestCase("evil.example#://us.icr.io")]
    public void Anything_that_is_not_a_host_and_port_is_rejected(string? address)
    {
        Assert.That(RegistryHost.TryParse(address, out _), Is.False);
    }
}
