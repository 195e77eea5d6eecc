using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Docker;

/// <summary>
/// docker and podman call get for every configured host, so a setting that cannot be read must not
/// fail the pulls of registries the helper does not serve; for an IBM registry it stays an error that
/// names the setting.
/// </summary>
[TestFixture]
public sealed class BrokenSettingsTests : TempHomeFixture
{
    private const string ApiKey = "broken-settings-key-1";

    public static IEnumerable<TestCaseData> BrokenSettings()
    {
        yield return new TestCaseData("IBMTP_REGISTRIES", "not a host").SetArgDisplayNames("IBMTP_REGISTRIES");
        yield return new TestCaseData("IBMTP_LOG_LEVEL", "loud").SetArgDisplayNames("IBMTP_LOG_LEVEL");
        yield return new TestCaseData("IBMTP_TIMEOUT", "soon").SetArgDisplayNames("IBMTP_TIMEOUT");
        yield return new TestCaseData("IBMTP_CONFIG", "/nowhere/ibmtp.json").SetArgDisplayNames("IBMTP_CONFIG");
    }

    [TestCaseSource(nameof(BrokenSettings))]
    public void A_host_not_served_gets_not_found_whatever_the_setting(string variable, string value)
    {
        Home.Variables[variable] = value;
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        HelperAssert.NotFound(HelperRun.Run(Home, "get", "docker.io"));
    }

    [TestCaseSource(nameof(BrokenSettings))]
    public void An_IBM_registry_gets_a_one_line_error_naming_the_setting(string variable, string value)
    {
        Home.Variables[variable] = value;
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain(variable));
    }

    [Test]
    public void A_malformed_config_file_fails_only_IBM_registries()
    {
        Home.WriteConfig("{");
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        HelperAssert.NotFound(HelperRun.Run(Home, "get", "docker.io"));
        HelperAssert.OneLineFailure(HelperRun.Run(Home, "get", "us.icr.io"));
    }

    [Test]
    public void An_empty_config_file_is_the_same_as_none()
    {
        Home.WriteConfig("");
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        HelperAssert.Succeeds(HelperRun.Run(Home, "get", "us.icr.io"));
    }

    [Test]
    public void Without_HOME_an_API_key_from_the_environment_still_works()
    {
        foreach (var variable in new[] { "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME" })
            Home.Variables.Remove(variable);
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.Succeeds(result);
        Assert.That(result.Stdout, Does.Contain(ApiKey));
        HelperAssert.NotFound(HelperRun.Run(Home, "get", "docker.io"));
    }

    [Test]
    public void A_config_file_that_is_a_device_is_an_error_naming_it_not_an_endless_read()
    {
        Home.Variables["IBMTP_CONFIG"] = "/dev/zero";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain("/dev/zero").And.Contain("not a regular file"));
    }

    [Test]
    public void An_at_file_secret_that_is_a_device_is_an_error_naming_it()
    {
        Home.Variables["IBMTP_API_KEY"] = "@/dev/zero";

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain("/dev/zero").And.Contain("not a regular file"));
    }
}
