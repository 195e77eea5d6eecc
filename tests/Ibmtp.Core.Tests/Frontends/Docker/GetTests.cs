using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Docker;

[TestFixture]
public class GetTests : TempHomeFixture
{
    [Test]
    public void Get_prints_the_credentials_json_and_a_newline()
    {
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-1";

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Is.EqualTo("""{"ServerURL":"us.icr.io","Username":"Profile-1","Secret":"api-key-1"}""" + "\n"));
        Assert.That(result.Stderr, Is.Empty);
    }

    [Test]
    public void A_miss_prints_the_exact_not_found_message_even_when_a_stored_password_is_one_of_its_words()
    {
        // Reading the keystore protects every stored password, and "keychain" is long enough to be blanked.
        HelperAssert.Succeeds(HelperRun.Store(Home, "de.icr.io", "Profile-de", "keychain"));

        HelperAssert.NotFound(HelperRun.Run(Home, "get", "us.icr.io"));
    }

    [TestCase("us.icr.io\n")]
    [TestCase(" us.icr.io \r\n")]
    public void Get_trims_the_server_url_it_reads(string stdin)
    {
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";

        var result = HelperRun.Run(Home, "get", stdin);

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Does.StartWith("""{"ServerURL":"us.icr.io","""));
    }

    [TestCase("docker.io")]
    [TestCase("https://index.docker.io/v1/")]
    [TestCase("icr.io.evil.example")]
    [TestCase("evil-icr.io")]
    [TestCase("localhost:5000")]
    public void Get_for_a_host_not_served_answers_not_found_even_with_an_api_key_set(string serverUrl)
    {
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";

        HelperAssert.NotFound(HelperRun.Run(Home, "get", serverUrl));
    }

    [Test]
    public void Get_for_a_host_not_served_answers_not_found_without_opening_the_keystore()
    {
        Home.WriteFile(Home.KeystoreFile, "not a keystore");

        HelperAssert.NotFound(HelperRun.Run(Home, "get", "docker.io"));
    }

    [Test]
    public void Get_for_a_served_host_with_no_credentials_anywhere_answers_not_found()
    {
        HelperAssert.NotFound(HelperRun.Run(Home, "get", "us.icr.io"));
    }

    [TestCase("")]
    [TestCase(" \n")]
    public void Get_without_a_server_url_answers_no_credentials_server_URL(string stdin)
    {
        HelperAssert.FailsWith(HelperRun.Run(Home, "get", stdin), "no credentials server URL");
    }

    [Test]
    public void Get_answers_from_the_keystore_what_store_saved()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-stored", "stored-secret"));

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Is.EqualTo("""{"ServerURL":"us.icr.io","Username":"Profile-stored","Secret":"stored-secret"}""" + "\n"));
    }

    [Test]
    public void Get_prefers_the_environment_over_the_keystore()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-stored", "stored-secret"));
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        Assert.That(result.Stdout, Does.Contain("\"Secret\":\"api-key-1\""));
    }

    [Test]
    public void Get_serves_a_host_opted_in_through_IBMTP_REGISTRIES()
    {
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";
        Home.Variables["IBMTP_REGISTRIES"] = "localhost:5000";

        var result = HelperRun.Run(Home, "get", "localhost:5000");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Does.Contain("\"Secret\":\"api-key-1\""));
    }

    [Test]
    public void A_keystore_that_is_a_folder_is_an_error_saying_so_not_a_silent_miss()
    {
        Directory.CreateDirectory(Home.KeystoreFile);

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain("is a folder, not a file"));
    }
}
