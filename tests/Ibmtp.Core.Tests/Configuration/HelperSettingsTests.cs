using Ibmtp.Configuration;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Configuration;

/// <summary>The settings that apply to every host: one parser per setting, whichever layer the value comes from.</summary>
[TestFixture]
public sealed class HelperSettingsTests : TempHomeFixture
{
    private HelperSettings Settings => SettingsResolver.Resolve(Home.Environment, Home.Paths);

    [Test]
    public void Each_value_says_where_it_came_from()
    {
        var file = Home.WriteConfig("""{"mode":"apikey","hosts":[{"host":"de.icr.io","mode":"cr-token"}]}""");
        Home.Variables["IBMTP_TIMEOUT"] = "5";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Settings.For(Registry.Host("us.icr.io")).Mode.Origin, Is.EqualTo($"config file {file}"));
            Assert.That(Settings.For(Registry.Host("de.icr.io")).Mode.Origin, Is.EqualTo($"config file {file} (hosts entry de.icr.io)"));
            Assert.That(Settings.Timeout.Origin, Is.EqualTo("IBMTP_TIMEOUT"));
            Assert.That(Settings.LogLevel.Origin, Is.EqualTo("default"));
        }
    }

    [TestCase("off", LogLevel.Off)]
    [TestCase("error", LogLevel.Error)]
    [TestCase("warning", LogLevel.Warning)]
    [TestCase("information", LogLevel.Information)]
    [TestCase("debug", LogLevel.Debug)]
    [TestCase("Debug", LogLevel.Debug)]
    [TestCase(null, LogLevel.Information)]
    public void IBMTP_LOG_LEVEL_names_the_lowest_level_written(string? text, LogLevel level)
    {
        if (text is not null)
            Home.Variables["IBMTP_LOG_LEVEL"] = text;

        Assert.That(Settings.LogLevel.Value, Is.EqualTo(level));
    }

    [TestCase("verbose")]
    [TestCase("loud")]
    [TestCase("3")]
    public void Any_other_IBMTP_LOG_LEVEL_is_an_error_listing_the_levels(string text)
    {
        Home.Variables["IBMTP_LOG_LEVEL"] = text;

        var error = Assert.Throws<HelperException>(() => _ = Settings.LogLevel.Value);

        Assert.That(error.Message, Does.Contain("IBMTP_LOG_LEVEL").And.Contain("off, error, warning, information or debug"));
    }

    [Test]
    public void The_timeout_is_20_seconds_unless_IBMTP_TIMEOUT_says_otherwise()
    {
        Assert.That(Settings.Timeout.Value, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Home.Variables["IBMTP_TIMEOUT"] = "2.5";
        Assert.That(Settings.Timeout.Value, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
        Home.Variables["IBMTP_TIMEOUT"] = "soon";
        Assert.That(() => Settings.Timeout.Value, Throws.TypeOf<HelperException>().With.Message.Contains("IBMTP_TIMEOUT"));
    }

    [Test]
    public void The_timeout_in_the_config_file_is_used_when_the_environment_has_none()
    {
        Home.WriteConfig("""{"timeout":7}""");

        Assert.That(Settings.Timeout.Value, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Home.Variables["IBMTP_TIMEOUT"] = "3";
        Assert.That(Settings.Timeout.Value, Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void An_empty_value_in_the_config_file_is_no_value_so_the_default_stands()
    {
        Home.WriteConfig("""{"timeout":""}""");

        Assert.That(Settings.Timeout.Value, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(Settings.Timeout.Origin, Is.EqualTo("default"));
    }

    [TestCase("\"soon\"")]
    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("99999")]
    [TestCase("1e400")]
    public void A_bad_timeout_in_the_config_file_is_an_error_naming_the_file_as_in_the_environment(string timeout)
    {
        var file = Home.WriteConfig($$"""{"timeout":{{timeout}}}""");

        Assert.That(() => Settings.Timeout.Value, Throws.TypeOf<HelperException>().With.Message.Contains("timeout in config file " + file));
    }

    [Test]
    public void The_VPC_metadata_URL_comes_from_the_environment_then_the_config_file_then_the_default()
    {
        Assert.That(Settings.VpcMetadataUrl.Value, Is.EqualTo(new Uri("http://169.254.169.254")));
        Home.WriteConfig("""{"vpcMetadataUrl":"http://127.0.0.1:8081"}""");
        Assert.That(Settings.VpcMetadataUrl.Value, Is.EqualTo(new Uri("http://127.0.0.1:8081")));
        Home.Variables["IBMTP_VPC_METADATA_URL"] = "http://127.0.0.1:8082";
        Assert.That(Settings.VpcMetadataUrl.Value, Is.EqualTo(new Uri("http://127.0.0.1:8082")));
    }

    [Test]
    public void A_VPC_metadata_URL_that_is_not_http_is_an_error_naming_the_setting()
    {
        Home.WriteConfig("""{"vpcMetadataUrl":"ftp://metadata"}""");

        Assert.That(() => Settings.VpcMetadataUrl.Value, Throws.TypeOf<HelperException>().With.Message.Contains("vpcMetadataUrl"));
    }

    [TestCase("IBMTP_VPC_METADATA_URL", "http://169.254.169.254/x?y", "query")]
    [TestCase("IBMTP_VPC_METADATA_URL", "https://api.metadata.cloud.ibm.com#f", "fragment")]
    [TestCase("IBMTP_POWERVS_METADATA_URL", "https://power.example/?a=b", "query")]
    public void A_metadata_URL_with_a_query_or_fragment_is_refused_rather_than_cut(string variable, string given, string part)
    {
        Home.Variables[variable] = given;

        Assert.That(() => variable == "IBMTP_VPC_METADATA_URL" ? Settings.VpcMetadataUrl.Value : Settings.PowerVsMetadataUrl.Value,
            Throws.TypeOf<HelperException>().With.Message.Contains(variable).And.Message.Contains($"remove the {part}"));
    }

    [Test]
    public void The_log_level_in_the_config_file_is_read_like_IBMTP_LOG_LEVEL()
    {
        Home.WriteConfig("""{"logLevel":"debug"}""");
        Assert.That(Settings.LogLevel.Value, Is.EqualTo(LogLevel.Debug));
        Home.WriteConfig("""{"logLevel":"loud"}""");
        Assert.That(() => Settings.LogLevel.Value, Throws.TypeOf<HelperException>().With.Message.Contains("off, error, warning, information or debug"));
    }

    [Test]
    public void IBMTP_NO_CACHE_1_disables_the_token_cache()
    {
        Assert.That(Settings.CacheDisabled.Value, Is.False);
        Home.Variables["IBMTP_NO_CACHE"] = "1";
        Assert.That(Settings.CacheDisabled.Value, Is.True);
    }

    [Test]
    public void A_bad_value_prints_without_throwing_so_it_can_be_reported()
    {
        Home.Variables["IBMTP_TIMEOUT"] = "soon";

        Assert.That(Settings.Timeout.ToString(), Does.StartWith("invalid (from IBMTP_TIMEOUT): IBMTP_TIMEOUT is 'soon'"));
        Home.Variables["IBMTP_TIMEOUT"] = "5";
        Assert.That(Settings.Timeout.ToString(), Is.EqualTo("00:00:05 (from IBMTP_TIMEOUT)"));
    }

    [Test]
    public void A_long_value_that_fails_to_parse_is_not_echoed_in_case_it_is_a_key_in_the_wrong_variable()
    {
        const string key = "pasted-api-key-0123456789abcdefghijklmnopq";
        Home.Variables["IBMTP_TIMEOUT"] = key;

        var error = Assert.Throws<HelperException>(() => _ = Settings.Timeout.Value);

        Assert.That(error.Message, Does.Not.Contain(key).And.Contain($"a {key.Length}-character value").And.Contain("IBMTP_TIMEOUT"));
    }

    [Test]
    public void A_short_URL_with_user_info_is_not_echoed_as_it_may_carry_a_password()
    {
        const string url = "https://u:pw@h";
        Home.Variables["IBMTP_IAM_URL"] = url;

        var error = Assert.Throws<HelperException>(() => _ = Settings.For(Registry.Host("us.icr.io")).IamUrl.Value);

        Assert.That(error.Message, Does.Not.Contain("pw").And.Contain($"a {url.Length}-character value").And.Contain("remove the user info"));
    }
}
