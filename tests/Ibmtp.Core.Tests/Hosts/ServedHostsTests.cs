using Ibmtp.Hosts;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Hosts;

[TestFixture]
public class ServedHostsTests
{
    private static readonly ServedHosts IbmOnly = new([]);

    [TestCase("icr.io")]
    [TestCase("us.icr.io")]
    [TestCase("ca2.icr.io")]
    [TestCase("private.us.icr.io")]
    [TestCase("a-region-added-next-year.icr.io")]
    [TestCase("registry.bluemix.net")]
    [TestCase("registry.ng.bluemix.net")]
    [TestCase("registry.eu-de.bluemix.net")]
    [TestCase("https://US.ICR.IO:443/")]
    public void IBM_registries_are_served_by_rule(string address)
    {
        Assert.That(IbmOnly.Serves(Host(address)), Is.True);
    }

    [TestCase("icr.io.evil.example")]
    [TestCase("evil-icr.io")]
    [TestCase("evilicr.io")]
    [TestCase("icr.iox")]
    [TestCase("docker.io")]
    [TestCase("index.docker.io")]
    [TestCase("bluemix.net")]
    [TestCase("evil.bluemix.net")]
    [TestCase("registry.bluemix.net.evil.example")]
    [TestCase("localhost:5000")]
    public void Other_hosts_are_not_served(string address)
    {
        Assert.That(IbmOnly.Serves(Host(address)), Is.False);
    }

    [Test]
    public void Extra_hosts_are_served_with_their_exact_port()
    {
        var served = new ServedHosts([Host("localhost:5000"), Host("mirror.example.com")]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(served.Serves(Host("http://localhost:5000/")), Is.True);
            Assert.That(served.Serves(Host("MIRROR.example.com:443")), Is.True);
            Assert.That(served.Serves(Host("localhost:5001")), Is.False);
            Assert.That(served.Serves(Host("localhost")), Is.False);
            Assert.That(served.Serves(Host("us.icr.io")), Is.True);
        }
    }
}
