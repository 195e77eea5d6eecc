using Ibmtp.CloudIdentity;
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
    public void An_unknown_mode_is_an_error_that_lists_the_modes()
    {
        Home.Variables["IBMTP_MODE"] = "magic";

        Assert.That(() => For("us.icr.io").Mode.Value, Throws.TypeOf<HelperException>().With.Message.Contains("auto, apikey, token, cr-token, vpc or powervs"));
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

    [TestCase("https://iam.test.cloud.ibm.com/identity/token")]
    [TestCase("https://iam.test.cloud.ibm.com/identity/token/")]
    [TestCase("https://iam.test.cloud.ibm.com/")]
    public void An_IAM_URL_given_as_the_token_operations_address_is_cut_back_to_IAMs_as_the_SDKs_do(string given)
    {
        Home.Variables["IBMTP_IAM_URL"] = given;

        Assert.That(For("us.icr.io").IamUrl.Value, Is.EqualTo(new Uri("https://iam.test.cloud.ibm.com")));
    }

    [TestCase("https://iam.test.cloud.ibm.com/identity/token?x", "query")]
    [TestCase("https://iam.test.cloud.ibm.com/identity/token#f", "fragment")]
    [TestCase("https://iam.test.cloud.ibm.com?a=b", "query")]
    [TestCase("https://me@iam.test.cloud.ibm.com", "user info")]
    public void An_IAM_URL_with_a_query_fragment_or_user_info_is_refused_rather_than_sent_elsewhere(string given, string part)
    {
        Home.Variables["IBMTP_IAM_URL"] = given;

        Assert.That(() => For("us.icr.io").IamUrl.Value, Throws.TypeOf<HelperException>().With.Message.Contains("IBMTP_IAM_URL").And.Message.Contains($"remove the {part}"));
    }

    [Test]
    public void Only_the_token_operations_whole_path_is_cut_from_an_IAM_URL()
    {
        Home.WriteConfig("""{"hosts":[{"host":"de.icr.io","iamUrl":"https://proxy.example/iam/token"}]}""");

        Assert.That(For("de.icr.io").IamUrl.Value, Is.EqualTo(new Uri("https://proxy.example/iam/token")));
    }

    [Test]
    public void The_IAM_endpoint_in_the_config_file_must_be_https_as_in_the_environment()
    {
        Home.WriteConfig("""{"hosts":[{"host":"de.icr.io","iamUrl":"http://iam.example.com"}]}""");

        Assert.That(() => For("de.icr.io").IamUrl.Value, Throws.TypeOf<HelperException>().With.Message.Contains("https is required").And.Message.Contains("iamUrl"));
    }

    [Test]
    public void Of_two_hosts_entries_for_one_host_the_later_wins()
    {
        Home.WriteConfig("""{"hosts":[{"host":"de.icr.io","mode":"token"},{"host":"DE.icr.io:443","mode":"cr-token"}]}""");

        Assert.That(For("de.icr.io").Mode.Value, Is.EqualTo(CredentialMode.CrToken));
    }
}
