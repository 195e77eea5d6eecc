using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Docker;

[TestFixture]
public class ListTests : TempHomeFixture
{
    [Test]
    public void List_with_nothing_saved_prints_an_empty_object()
    {
        var result = HelperRun.Run(Home, "list");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Is.EqualTo("{}\n"));
    }

    [Test]
    public void List_prints_each_saved_host_with_its_username_and_never_a_secret()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-us", "secret-us"));
        HelperAssert.Succeeds(HelperRun.Store(Home, "de.icr.io", "iamapikey", "secret-de"));

        var result = HelperRun.Run(Home, "list", "placeholder");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Is.EqualTo("""{"de.icr.io":"iamapikey","us.icr.io":"Profile-us"}""" + "\n"));
    }
}
