using Ibmtp.Configuration;
using Ibmtp.Tests.Support;
using static Ibmtp.Testing.Registry;

namespace Ibmtp.Tests.Configuration;

/// <summary>The optional config file, and the environment laid over it.</summary>
[TestFixture]
public class SettingsResolverTests : TempHomeFixture
{
    [Test]
    public void A_missing_default_config_file_is_fine()
    {
        var settings = Load();

        Assert.That(settings.ServedHosts.Value.Serves(Host("us.icr.io")), Is.True);
        Assert.That(settings.ServedHosts.Value.Serves(Host("localhost:5000")), Is.False);
    }

    [Test]
    public void IBMTP_CONFIG_naming_a_missing_file_is_an_error_naming_the_file_and_the_variable()
    {
        var path = Path.Combine(Home.Root, "nowhere", "config.json");
        Home.Variables["IBMTP_CONFIG"] = path;

        var error = Assert.Throws<HelperException>(() => Load());

        Assert.That(error.Message, Does.Contain(path).And.Contain("IBMTP_CONFIG"));
    }

    [Test]
    public void IBMTP_CONFIG_naming_a_folder_is_an_error_saying_so()
    {
        Home.Variables["IBMTP_CONFIG"] = Home.Root;

        var error = Assert.Throws<HelperException>(() => Load());

        Assert.That(error.Message, Does.Contain($"config file {Home.Root} is a folder"));
    }

    [Test]
    public void IBMTP_CONFIG_names_the_file_to_read_instead_of_the_default()
    {
        Home.WriteConfig("""{"registries":["default.example.com"]}""");
        Home.Variables["IBMTP_CONFIG"] = Home.WriteFile("elsewhere/ibmtp.json", """{"registries":["chosen.example.com"]}""");

        var settings = Load();

        Assert.That(settings.ServedHosts.Value.Serves(Host("chosen.example.com")), Is.True);
        Assert.That(settings.ServedHosts.Value.Serves(Host("default.example.com")), Is.False);
    }

    [TestCase("{")]
    [TestCase("not json")]
    [TestCase("""{"registries":["a.example.com",]""")]
    public void A_malformed_config_file_is_a_one_line_error_naming_the_file(string content)
    {
        var path = Home.WriteConfig(content);

        var error = Assert.Throws<HelperException>(() => Load());

        Assert.That(error.Message, Does.Contain(path).And.Not.Contain("\n"));
    }

    [TestCase("""{"registries":["not a host"]}""")]
    [TestCase("""{"hosts":[{"host":"https://"}]}""")]
    [TestCase("""{"hosts":["us.icr.io"]}""")]
    public void A_config_file_listing_something_that_is_not_a_host_is_an_error_naming_the_file_and_the_entry(string content)
    {
        var path = Home.WriteConfig(content);

        var error = Assert.Throws<HelperException>(() => _ = Load().ServedHosts.Value);

        Assert.That(error.Message, Does.Contain(path).And.Contain("is not a host"));
    }

    [Test]
    public void Hosts_that_is_not_a_list_is_an_error_naming_the_file()
    {
        var path = Home.WriteConfig("""{"hosts":5}""");

        var error = Assert.Throws<HelperException>(() => _ = Load().ServedHosts.Value);

        Assert.That(error.Message, Does.Contain(path).And.Contain("not a list"));
    }

    [Test]
    public void A_malformed_config_file_fails_a_get_with_one_line_naming_the_file()
    {
        var path = Home.WriteConfig("{");
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain(path));
    }

    [Test]
    public void Registries_in_the_config_file_are_served()
    {
        Home.WriteConfig("""{"registries":["localhost:5000","Mirror.Example.com"]}""");

        var served = Load().ServedHosts.Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(served.Serves(Host("localhost:5000")), Is.True);
            Assert.That(served.Serves(Host("mirror.example.com")), Is.True);
            Assert.That(served.Serves(Host("localhost:5001")), Is.False);
        }
    }

    [Test]
    public void Hosts_entries_in_the_config_file_are_served()
    {
        Home.WriteConfig("""{"hosts":[{"host":"localhost:5000","profileId":"Profile-local"}]}""");

        Assert.That(Load().ServedHosts.Value.Serves(Host("localhost:5000")), Is.True);
    }

    [Test]
    public void IBMTP_REGISTRIES_is_a_comma_separated_list_of_hosts_with_optional_ports()
    {
        Home.Variables["IBMTP_REGISTRIES"] = "localhost:5000, mirror.example.com:8443 ,,127.0.0.1";

        var served = Load().ServedHosts.Value;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(served.Serves(Host("localhost:5000")), Is.True);
            Assert.That(served.Serves(Host("mirror.example.com:8443")), Is.True);
            Assert.That(served.Serves(Host("127.0.0.1")), Is.True);
            Assert.That(served.Serves(Host("mirror.example.com")), Is.False);
            Assert.That(served.Serves(Host("us.icr.io")), Is.True);
        }
    }

    [Test]
    public void An_IBMTP_REGISTRIES_entry_that_is_not_a_host_is_an_error_naming_the_variable()
    {
        Home.Variables["IBMTP_REGISTRIES"] = "localhost:5000,not a host";

        var error = Assert.Throws<HelperException>(() => _ = Load().ServedHosts.Value);

        Assert.That(error.Message, Does.Contain("IBMTP_REGISTRIES").And.Contain("not a host"));
    }

    [Test]
    public void The_environment_overrides_the_config_file()
    {
        Home.WriteConfig("""{"logLevel":"debug"}""");
        Home.Variables["IBMTP_LOG_LEVEL"] = "error";

        Assert.That(Load().LogLevel.Value, Is.EqualTo(LogLevel.Error));
    }

    [Test]
    public void Settings_absent_from_the_environment_come_from_the_config_file()
    {
        Home.WriteConfig("""{"logLevel":"debug"}""");

        Assert.That(Load().LogLevel.Value, Is.EqualTo(LogLevel.Debug));
    }

    private HelperSettings Load() => SettingsResolver.Resolve(Home.Environment, Home.Paths);
}
