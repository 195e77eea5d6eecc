using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Credentials;

/// <summary>
/// The first place <c>get</c> looks: an API key in the environment, with the profile ID from the
/// environment or the config file. Exercised through the helper, as a client would call it.
/// </summary>
[TestFixture]
public class EnvironmentApiKeyTests : TempHomeFixture
{
    [Test]
    public void Without_a_profile_ID_the_api_key_logs_in_as_iamapikey()
    {
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";

        Assert.That(Get(), Is.EqualTo(Answer("iamapikey", "api-key-1")));
    }

    [Test]
    public void With_a_profile_ID_the_username_is_the_profile_and_the_secret_the_api_key()
    {
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-1";

        Assert.That(Get(), Is.EqualTo(Answer("Profile-1", "api-key-1")));
    }

    [Test]
    public void IBMTP_API_KEY_wins_over_IBMCLOUD_API_KEY()
    {
        Home.Variables["IBMTP_API_KEY"] = "ibmtp-key";
        Home.Variables["IBMCLOUD_API_KEY"] = "ibmcloud-key";

        Assert.That(Get(), Is.EqualTo(Answer("iamapikey", "ibmtp-key")));
    }

    [Test]
    public void IBMCLOUD_API_KEY_is_used_when_IBMTP_API_KEY_is_unset_or_empty()
    {
        Home.Variables["IBMTP_API_KEY"] = "";
        Home.Variables["IBMCLOUD_API_KEY"] = "ibmcloud-key";

        Assert.That(Get(), Is.EqualTo(Answer("iamapikey", "ibmcloud-key")));
    }

    [Test]
    public void A_profile_ID_without_an_api_key_is_not_credentials()
    {
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-1";

        Assert.That(Get(), Is.EqualTo("credentials not found in native keychain\n"));
    }

    [TestCase("IBMTP_API_KEY")]
    [TestCase("IBMCLOUD_API_KEY")]
    public void An_at_file_api_key_is_read_from_the_file_and_trimmed(string variable)
    {
        Home.Variables[variable] = "@" + Home.WriteFile("secrets/apikey", "  api-key-from-file \n");

        Assert.That(Get(), Is.EqualTo(Answer("iamapikey", "api-key-from-file")));
    }

    [TestCase("secrets/missing")]
    [TestCase("secrets")]
    public void An_unreadable_at_file_is_an_error_naming_the_variable_and_the_file(string unreadable)
    {
        Home.WriteFile("secrets/other", "");
        var path = Path.Combine(Home.Root, unreadable);
        Home.Variables["IBMTP_API_KEY"] = "@" + path;

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain("IBMTP_API_KEY").And.Contain(path));
    }

    [TestCase("get", "docker.io")]
    [TestCase("store", """{"ServerURL":"us.icr.io","Username":"Profile-1","Secret":"secret-1"}""")]
    [TestCase("list", "")]
    public void The_api_key_file_is_read_only_by_a_get_for_a_served_host(string action, string stdin)
    {
        var missing = Path.Combine(Home.Root, "secrets", "missing");
        Home.Variables["IBMTP_API_KEY"] = "@" + missing;

        var result = HelperRun.Run(Home, action, stdin);

        Assert.That(result.Stdout, Does.Not.Contain("IBMTP_API_KEY").And.Not.Contain(missing));
    }

    [Test]
    public void The_profile_ID_may_come_from_the_config_file()
    {
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";
        Home.WriteConfig("""{"profileId":"Profile-file"}""");

        Assert.That(Get(), Is.EqualTo(Answer("Profile-file", "api-key-1")));
    }

    [Test]
    public void A_host_entry_in_the_config_file_sets_the_profile_ID_for_that_host_only()
    {
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";
        Home.WriteConfig("""
            {
              "profileId": "Profile-everywhere",
              "hosts": [ { "host": "us.icr.io", "profileId": "Profile-us" } ]
            }
            """);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Get("us.icr.io"), Is.EqualTo(Answer("Profile-us", "api-key-1", "us.icr.io")));
            Assert.That(Get("de.icr.io"), Is.EqualTo(Answer("Profile-everywhere", "api-key-1", "de.icr.io")));
        }
    }

    [Test]
    public void IBMTP_PROFILE_ID_overrides_the_config_file()
    {
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-environment";
        Home.WriteConfig("""
            {
              "profileId": "Profile-everywhere",
              "hosts": [ { "host": "us.icr.io", "profileId": "Profile-us" } ]
            }
            """);

        Assert.That(Get(), Is.EqualTo(Answer("Profile-environment", "api-key-1")));
    }

    private string Get(string serverUrl = "us.icr.io") => HelperRun.Run(Home, "get", serverUrl).Stdout;

    private static string Answer(string username, string secret, string serverUrl = "us.icr.io") =>
        HelperRun.CredentialsJson(serverUrl, username, secret) + "\n";
}
