using Ibmtp.Diagnostics;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The host check: whether <c>get</c> serves the host at all, and why.</summary>
[TestFixture]
public sealed class HostCheckTests : CheckFixture
{
    private (bool Passed, IReadOnlyList<Fact> Facts) Run(string host)
    {
        var facts = new FactSheet();
        var passed = new HostCheck(Services.Settings).Run(Registry.Host(host), facts);
        return (passed, facts.Facts);
    }

    [Test]
    public void An_ICR_host_is_served_as_one()
    {
        var (passed, facts) = Run("de.icr.io");

        Assert.That(passed, Is.True);
        Assert.That(facts, Is.EqualTo(new[] { new Fact("host", "de.icr.io"), new Fact("served", "yes: an IBM Cloud Container Registry host") }));
    }

    [Test]
    public void A_host_opted_in_is_served_with_where_the_opt_in_came_from()
    {
        Home.Variables["IBMTP_REGISTRIES"] = "registry.example.com:5000";

        var (passed, facts) = Run("registry.example.com:5000");

        Assert.That(passed, Is.True);
        Assert.That(facts, Is.EqualTo(new[] { new Fact("host", "registry.example.com:5000"), new Fact("served", "yes: opted in (IBM registries and the hosts opted in)") }));
    }

    [Test]
    public void A_broken_list_of_hosts_fails_even_an_ICR_host_as_get_would()
    {
        Home.Variables["IBMTP_REGISTRIES"] = "not a host!";

        var (passed, facts) = Run("us.icr.io");

        Assert.That(passed, Is.False);
        Assert.That(facts[^1], Is.EqualTo(new Fact("served", "IBMTP_REGISTRIES has 'not a host!', which is not a host[:port]; fix it", Problem: true)));
    }
}
