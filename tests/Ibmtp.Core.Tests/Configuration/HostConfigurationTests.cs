using Ibmtp.Configuration;
using Ibmtp.Platform;
using Ibmtp.Protocol;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Configuration;

[TestFixture]
public sealed class HostConfigurationTests
{
    private readonly Dictionary<string, string> _environment = [];
    private SettingsFile _file = new();

    [SetUp]
    public void Clear()
    {
        _environment.Clear();
        _file = new SettingsFile();
    }

    private HelperSettings Settings => new(_file, "config.json", new DictionaryEnvironment(_environment));

    private HostConfiguration For(string host) => Settings.For(Registry.Host(host));

    [Test]
    public void The_mode_is_auto_unless_set()
    {
        Assert.That(For("us.icr.io").Mode, Is.EqualTo(CredentialMode.Auto));
    }

    [Test]
    public void The_environment_mode_overrides_the_hosts_entry_which_overrides_the_top_level()
    {
        _file.Mode = "apikey";
        _file.Hosts.Add(new HostSettings { Host = "de.icr.io", Mode = "cr-token" });

        Assert.That(For("us.icr.io").Mode, Is.EqualTo(CredentialMode.ApiKey));
        Assert.That(For("de.icr.io").Mode, Is.EqualTo(CredentialMode.CrToken));
        _environment["IBMTP_MODE"] = "vpc";
        Assert.That(For("de.icr.io").Mode, Is.EqualTo(CredentialMode.Vpc));
    }

    [Test]
    public void An_unknown_mode_is_an_error_that_lists_the_modes()
    {
        _environment["IBMTP_MODE"] = "magic";

        Assert.That(() => For("us.icr.io"), Throws.TypeOf<HelperException>().With.Message.Contains("auto, apikey, token, cr-token or vpc"));
    }

    [TestCase("Profile-1234", TrustedProfileKind.Id)]
    [TestCase("crn:v1:bluemix:public:iam-identity::a/acc::profile:Profile-1234", TrustedProfileKind.Crn)]
    [TestCase("ci-builder", TrustedProfileKind.Name)]
    public void IBMCLOUD_CR_PROFILE_is_told_apart_by_shape(string value, TrustedProfileKind kind)
    {
        _environment["IBMCLOUD_CR_PROFILE"] = value;
        _environment["IBMTP_ACCOUNT_ID"] = "acc";

        Assert.That(For("us.icr.io").Profile, Is.EqualTo(new TrustedProfile(kind, value, kind == TrustedProfileKind.Name ? "acc" : null)));
    }

    [Test]
    public void A_profile_named_in_the_environment_replaces_the_files_profile_whole()
    {
        _file.Hosts.Add(new HostSettings { Host = "us.icr.io", ProfileId = "Profile-from-file" });
        _environment["IBMTP_PROFILE_NAME"] = "builder";
        _environment["IBMTP_ACCOUNT_ID"] = "acc";

        Assert.That(For("us.icr.io").Profile, Is.EqualTo(new TrustedProfile(TrustedProfileKind.Name, "builder", "acc")));
    }

    [Test]
    public void A_hosts_entry_profile_overrides_the_top_level_profile()
    {
        _file.ProfileId = "Profile-top";
        _file.Hosts.Add(new HostSettings { Host = "de.icr.io", ProfileCrn = "crn:v1:x::profile:Profile-de" });

        Assert.That(For("us.icr.io").Profile!.Id, Is.EqualTo("Profile-top"));
        Assert.That(For("de.icr.io").Profile!.Id, Is.EqualTo("Profile-de"));
    }

    [Test]
    public void Private_registries_use_the_private_IAM_endpoint_by_default()
    {
        Assert.That(For("us.icr.io").IamUrl, Is.EqualTo("https://iam.cloud.ibm.com"));
        Assert.That(For("private.us.icr.io").IamUrl, Is.EqualTo("https://private.iam.cloud.ibm.com"));
        _environment["IBMTP_IAM_URL"] = "https://iam.test.cloud.ibm.com/";
        Assert.That(For("private.us.icr.io").IamUrl, Is.EqualTo("https://iam.test.cloud.ibm.com"));
    }

    [Test]
    public void The_timeout_is_20_seconds_unless_IBMTP_TIMEOUT_says_otherwise()
    {
        Assert.That(Settings.Timeout, Is.EqualTo(TimeSpan.FromSeconds(20)));
        _environment["IBMTP_TIMEOUT"] = "2.5";
        Assert.That(Settings.Timeout, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
        _environment["IBMTP_TIMEOUT"] = "soon";
        Assert.That(() => Settings.Timeout, Throws.TypeOf<HelperException>().With.Message.Contains("IBMTP_TIMEOUT"));
    }

    [Test]
    public void IBMTP_NO_CACHE_1_disables_the_token_cache()
    {
        Assert.That(Settings.CacheEnabled, Is.True);
        _environment["IBMTP_NO_CACHE"] = "1";
        Assert.That(Settings.CacheEnabled, Is.False);
    }
}
