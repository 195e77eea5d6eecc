using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Docker;

/// <summary>
/// get with settings that cannot be read, beyond the rule every front end shares
/// (<see cref="Ibmtp.Tests.Credentials.ServedLoginTests"/>): a damaged or special config file, and no HOME.
/// </summary>
[TestFixture]
public sealed class BrokenSettingsTests : TempHomeFixture
{
    private const string ApiKey = "broken-settings-key-1";

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
