using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Docker;

[TestFixture]
public class EraseTests : TempHomeFixture
{
    [Test]
    public void Erase_removes_the_saved_login_and_prints_nothing()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-1", "secret-1"));

        var result = HelperRun.Run(Home, "erase", "us.icr.io");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Is.Empty);
        HelperAssert.NotFound(HelperRun.Run(Home, "get", "us.icr.io"));
    }

    [Test]
    public void Erase_leaves_the_other_hosts_saved()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-us", "secret-us"));
        HelperAssert.Succeeds(HelperRun.Store(Home, "de.icr.io", "Profile-de", "secret-de"));

        HelperAssert.Succeeds(HelperRun.Run(Home, "erase", "us.icr.io"));

        Assert.That(HelperRun.Run(Home, "list").Stdout, Is.EqualTo("""{"de.icr.io":"Profile-de"}""" + "\n"));
    }

    [TestCase("https://us.icr.io")]
    [TestCase("http://us.icr.io")]
    [TestCase("US.ICR.IO:443")]
    public void Erase_accepts_each_address_form_docker_logout_sends(string serverUrl)
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-1", "secret-1"));

        HelperAssert.Succeeds(HelperRun.Run(Home, "erase", serverUrl));
    }

    [Test]
    public void Erase_of_a_served_host_with_nothing_stored_answers_not_found_and_keeps_the_other_hosts()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "de.icr.io", "Profile-de", "secret-de"));

        HelperAssert.NotFound(HelperRun.Run(Home, "erase", "us.icr.io"));
        Assert.That(HelperRun.Run(Home, "list").Stdout, Is.EqualTo("""{"de.icr.io":"Profile-de"}""" + "\n"));
    }

    [Test]
    public void Erase_with_no_keystore_yet_answers_not_found_and_creates_nothing()
    {
        Home.Variables["IBMTP_LOG_LEVEL"] = "off";

        HelperAssert.NotFound(HelperRun.Run(Home, "erase", "us.icr.io"));
        Assert.That(TempHome.FilesUnder(Home.Root), Is.Empty);
    }

    [TestCase("podman")]
    [TestCase("buildah")]
    [TestCase("skopeo")]
    public void Erase_with_nothing_stored_succeeds_silently_for_the_containers_tools_that_crash_on_not_found(string caller)
    {
        var result = HelperRun.Run(Home, ["erase"], "us.icr.io"u8.ToArray(), caller);

        HelperAssert.Succeeds(result);
        Assert.That(result.Stdout + result.Stderr, Is.Empty);
    }

    [Test]
    public void Erase_called_by_docker_with_nothing_stored_answers_not_found()
    {
        HelperAssert.NotFound(HelperRun.Run(Home, ["erase"], "us.icr.io"u8.ToArray(), "docker"));
    }

    [Test]
    public void Erase_of_a_host_not_served_answers_not_found_even_with_a_keystore_that_cannot_be_read()
    {
        Home.WriteFile(Home.KeystoreFile, "not a keystore");

        HelperAssert.NotFound(HelperRun.Run(Home, "erase", "docker.io"));
        Assert.That(File.ReadAllText(Home.KeystoreFile), Is.EqualTo("not a keystore"));
    }

    [Test]
    public void Erase_removes_a_login_kept_from_when_the_host_was_served()
    {
        Home.Variables["IBMTP_REGISTRIES"] = "localhost:5000";
        HelperAssert.Succeeds(HelperRun.Store(Home, "localhost:5000", "user", "stranded-secret-1"));
        Home.Variables.Remove("IBMTP_REGISTRIES");

        HelperAssert.Succeeds(HelperRun.Run(Home, "erase", "localhost:5000"));

        Assert.That(HelperRun.Run(Home, "list").Stdout, Is.EqualTo("{}\n"));
        HelperAssert.NotFound(HelperRun.Run(Home, "erase", "localhost:5000"));
    }

    [Test]
    public void Erase_without_a_server_url_answers_no_credentials_server_URL()
    {
        HelperAssert.FailsWith(HelperRun.Run(Home, "erase", ""), "no credentials server URL");
    }
}
