using Ibmtp.Configuration;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Configuration;

/// <summary>How each host's mode, profile and IAM endpoint are layered: environment, hosts entry, top level, default.</summary>
[TestFixture]
public sealed class HostSettingsTests : TempHomeFixture
{
    private HelperSettings Settings => SettingsResolver.Resolve(Home.Environment, Home.Paths);

    private HostSettings For(string host) => Settings.For(Registry.Host(host));

    [Test]
    public void The_mode_is_auto_unless_set()
    {
        Assert.That(For("us.icr.io").Mode.Value, Is.EqualTo(CredentialMode.Auto));
        Assert.That(For("us.icr.io").Mode.Origin, Is.EqualTo("default"));
    }

    [Test]
    public void The_environment_mode_overrides_the_hosts_entry_which_overrides_the_top_level()
    {
        Home.WriteConfig("""{"mode":"apikey","hosts":[{"host":"de.icr.io","mode":"cr-token"}]}""");

        Assert.That(For("us.icr.io").Mode.Value, Is.EqualTo(CredentialMode.ApiKey));
        Assert.That(For("de.icr.io").Mode.Value, Is.EqualTo(CredentialMode.CrToken));
        Home.Variables["IBMTP_MODE"] = "vpc";
        Assert.That(For("de.icr.io").Mode.Value, Is.EqualTo(CredentialMode.Vpc));
    }

    [Test]
    public void Each_value_says_where_it_came_from()
    {
        var file = Home.WriteConfig("""{"mode":"apikey","hosts":[{"host":"de.icr.io","mode":"cr-token"}]}""");
        Home.Variables["IBMTP_TIMEOUT"] = "5";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(For("us.icr.io").Mode.Origin, Is.EqualTo($"config file {file}"));
            Assert.That(For("de.icr.io").Mode.Origin, Is.EqualTo($"config file {file} (hosts entry de.icr.io)"));
            Assert.That(Settings.Timeout.Origin, Is.EqualTo("IBMTP_TIMEOUT"));
            Assert.That(Settings.LogLevel.Origin, Is.EqualTo("default"));
        }
    }

    [Test]
    public void An_unknown_mode_is_an_error_that_lists_the_modes()
    {
        Home.Variables["IBMTP_MODE"] = "magic";

        Assert.That(() => For("us.icr.io").Mode.Value, Throws.TypeOf<HelperException>().With.Message.Contains("auto, apikey, token, cr-token or vpc"));
    }

    [Test]
    public void An_unknown_mode_in_one_hosts_entry_fails_only_that_host()
    {
        Home.WriteConfig("""{"hosts":[{"host":"de.icr.io","mode":"magic"}]}""");

        Assert.That(For("us.icr.io").Mode.Value, Is.EqualTo(CredentialMode.Auto));
        Assert.That(() => For("de.icr.io").Mode.Value, Throws.TypeOf<HelperException>().With.Message.Contains("mode of the hosts entry de.icr.io"));
    }

    [TestCase("Profile-1234", TrustedProfileKind.Id)]
    [TestCase("crn:v1:bluemix:public:iam-identity::a/acc::profile:Profile-1234", TrustedProfileKind.Crn)]
    [TestCase("ci-builder", TrustedProfileKind.Name)]
    public void IBMCLOUD_CR_PROFILE_is_told_apart_by_shape(string value, TrustedProfileKind kind)
    {
        Home.Variables["IBMCLOUD_CR_PROFILE"] = value;
        Home.Variables["IBMTP_ACCOUNT_ID"] = "acc";

        Assert.That(For("us.icr.io").Profile.Value, Is.EqualTo(new TrustedProfile(kind, value, kind == TrustedProfileKind.Name ? "acc" : null)));
    }

    [Test]
    public void A_profile_named_in_the_environment_replaces_the_files_profile_whole()
    {
        Home.WriteConfig("""{"hosts":[{"host":"us.icr.io","profileId":"Profile-from-file"}]}""");
        Home.Variables["IBMTP_PROFILE_NAME"] = "builder";
        Home.Variables["IBMTP_ACCOUNT_ID"] = "acc";

        Assert.That(For("us.icr.io").Profile.Value, Is.EqualTo(new TrustedProfile(TrustedProfileKind.Name, "builder", "acc")));
        Assert.That(For("us.icr.io").Profile.Origin, Is.EqualTo("IBMTP_PROFILE_NAME"));
    }

    [Test]
    public void A_hosts_entry_profile_overrides_the_top_level_profile()
    {
        Home.WriteConfig("""{"profileId":"Profile-top","hosts":[{"host":"de.icr.io","profileCrn":"crn:v1:x::profile:Profile-de"}]}""");

        Assert.That(For("us.icr.io").Profile.Value!.Id, Is.EqualTo("Profile-top"));
        Assert.That(For("de.icr.io").Profile.Value!.Id, Is.EqualTo("Profile-de"));
    }

    [Test]
    public void A_profile_name_takes_its_account_from_the_nearest_layer_that_has_one()
    {
        Home.WriteConfig("""{"accountId":"top-account","hosts":[{"host":"de.icr.io","profileName":"builder","accountId":"de-account"}]}""");

        Assert.That(For("de.icr.io").Profile.Value, Is.EqualTo(new TrustedProfile(TrustedProfileKind.Name, "builder", "de-account")));
        Home.Variables["IBMTP_ACCOUNT_ID"] = "env-account";
        Assert.That(For("de.icr.io").Profile.Value, Is.EqualTo(new TrustedProfile(TrustedProfileKind.Name, "builder", "env-account")));
    }

    [Test]
    public void Private_registries_use_the_private_IAM_endpoint_by_default()
    {
        Assert.That(For("us.icr.io").IamUrl.Value, Is.EqualTo(new Uri("https://iam.cloud.ibm.com")));
        Assert.That(For("private.us.icr.io").IamUrl.Value, Is.EqualTo(new Uri("https://private.iam.cloud.ibm.com")));
        Home.Variables["IBMTP_IAM_URL"] = "https://iam.test.cloud.ibm.com/";
        Assert.That(For("private.us.icr.io").IamUrl.Value, Is.EqualTo(new Uri("https://iam.test.cloud.ibm.com")));
    }

    [Test]
    public void The_IAM_endpoint_in_the_config_file_must_be_https_as_in_the_environment()
    {
        Home.WriteConfig("""{"hosts":[{"host":"de.icr.io","iamUrl":"http://iam.example.com"}]}""");

        Assert.That(() => For("de.icr.io").IamUrl.Value, Throws.TypeOf<HelperException>().With.Message.Contains("https is required").And.Message.Contains("iamUrl"));
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

    [TestCase("\"soon\"")]
    [TestCase("0")]
    [TestCase("-5")]
    [TestCase("99999")]
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
}
