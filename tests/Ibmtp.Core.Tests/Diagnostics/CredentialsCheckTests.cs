using Ibmtp.Credentials;
using Ibmtp.Diagnostics;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The credentials check: the host's mode and profile, then what <c>get</c> would do with them, and where it stops.</summary>
[TestFixture]
public sealed class CredentialsCheckTests : CheckFixture
{
    private const string ApiKey = "credentials-check-key-3b9d41";

    /// <summary>A port nothing listens on, so a token exchange fails at once rather than reaching out.</summary>
    private const string NoService = "http://127.0.0.1:1";

    [SetUp]
    public void NoExchangeLeavesTheMachine()
    {
        Home.Variables["IBMTP_IAM_URL"] = NoService;
        Home.Variables["IBMTP_VPC_METADATA_URL"] = NoService;
        Home.Variables["IBMTP_TIMEOUT"] = "1";
    }

    private (bool Passed, IReadOnlyList<Fact> Facts) Run()
    {
        var facts = new FactSheet();
        var passed = new CredentialsCheck(Context, Services).Run(Registry.Host("us.icr.io"), facts);
        return (passed, facts.Facts);
    }

    private static string ValueOf(IReadOnlyList<Fact> facts, string name) => facts.Single(fact => fact.Name == name).Value;

    [TestCase("auto")]
    [TestCase("apikey")]
    [TestCase("token")]
    [TestCase("cr-token")]
    [TestCase("vpc")]
    public void The_mode_is_named_as_it_is_spelled_with_where_it_came_from(string mode)
    {
        Home.Variables["IBMTP_MODE"] = mode;

        Assert.That(Run().Facts[0], Is.EqualTo(new Fact("mode", $"{mode} (from IBMTP_MODE)")));
    }

    [Test]
    public void A_mode_that_cannot_be_read_is_the_problem_and_nothing_after_it_is_examined()
    {
        Home.Variables["IBMTP_MODE"] = "bogus";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        var (passed, facts) = Run();

        Assert.That(passed, Is.False);
        Assert.That(facts, Is.EqualTo(new[] { new Fact("mode", "IBMTP_MODE is 'bogus': use auto, apikey, token, cr-token, vpc or powervs", Problem: true) }));
    }

    [Test]
    public void With_nothing_set_the_mode_is_the_default_no_profile_is_named_and_nothing_is_found()
    {
        var (passed, facts) = Run();

        Assert.That(passed, Is.False);
        Assert.That(facts.Take(2), Is.EqualTo(new[] { new Fact("mode", "auto (from default)"), new Fact("profile", "none") }));
        Assert.That(facts.Skip(2), Is.EqualTo(new[]
        {
            new Fact("session", "no one is signed in (docker-credential-ibmtp login)", Problem: true),
            new Fact("credentials", "none: no API key or compute-resource token in the environment, no one signed in and no keystore entry, so get answers not found; set IBMTP_API_KEY, sign in with docker-credential-ibmtp login, or log in with docker login", Problem: true),
        }));
    }

    [Test]
    public void A_setting_the_plan_cannot_be_made_from_is_the_problem_with_gets_message()
    {
        Home.Variables["IBMTP_MODE"] = "cr-token";

        var (passed, facts) = Run();

        Assert.That(passed, Is.False);
        Assert.That(facts[^1], Is.EqualTo(new Fact("credentials", "cr-token mode needs a trusted profile: set IBMTP_PROFILE_ID, IBMTP_PROFILE_CRN or IBMTP_PROFILE_NAME", Problem: true)));
    }

    [Test]
    public void A_keystore_that_cannot_be_reached_is_the_problem_when_get_would_read_it_first_for_a_session()
    {
        Home.Variables["IBMTP_KEYSTORE"] = "secretservice";

        var (passed, facts) = Run();

        Assert.That(passed, Is.False);
        Assert.That(facts[^1].Name, Is.EqualTo("session"));
        Assert.That(facts[^1].Value, Does.StartWith("the secretservice keystore needs a D-Bus session bus"));
        Assert.That(facts[^1].Problem, Is.True);
    }

    [Test]
    public void In_token_mode_the_API_key_is_traded_with_IAM()
    {
        Home.Variables["IBMTP_MODE"] = "token";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-check";

        Assert.That(ValueOf(Run().Facts, "credentials"), Does.StartWith("API key from IBMTP_API_KEY (sha256:").And.EndWith("), traded with IAM for a token"));
    }

    [TestCase("apikey", "IBMTP_PROFILE_ID", "Profile-check", "the trusted profile Profile-check")]
    [TestCase("apikey", null, null, "the API key's own service ID, as no trusted profile is set")]
    [TestCase("auto", "IBMTP_PROFILE_NAME", "builder", "the trusted profile named builder in account account-check")]
    [TestCase("token", "IBMTP_PROFILE_CRN", "crn:v1:bluemix:public:iam-identity::a/account-check::profile:Profile-check", "the trusted profile crn:v1:bluemix:public:iam-identity::a/account-check::profile:Profile-check")]
    [TestCase("token", null, null, "the API key's own service ID, as no trusted profile is set")]
    public void The_identity_the_registry_will_see_is_named(string mode, string? variable, string? profile, string identity)
    {
        Home.Variables["IBMTP_MODE"] = mode;
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_ACCOUNT_ID"] = "account-check";
        if (variable is not null)
            Home.Variables[variable] = profile!;

        Assert.That(ValueOf(Run().Facts, "identity"), Is.EqualTo(identity));
    }

    [Test]
    public void In_vpc_mode_without_a_profile_the_identity_is_the_instances_default_profile()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";

        Assert.That(ValueOf(Run().Facts, "identity"), Is.EqualTo("the instance's default trusted profile"));
    }

    [Test]
    public void In_cr_token_mode_the_compute_resource_token_is_traded_with_IAM()
    {
        Home.Variables["IBMTP_MODE"] = "cr-token";
        Home.Variables["IBMTP_CR_TOKEN"] = "@" + Home.WriteFile("cr-token", "a-compute-resource-token");
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-check";

        Assert.That(ValueOf(Run().Facts, "credentials"), Does.StartWith("compute-resource token from IBMTP_CR_TOKEN (@").And.EndWith("), traded with IAM for a token"));
    }

    [Test]
    public void In_vpc_mode_the_instance_identity_is_traded_with_the_metadata_service()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";

        var (passed, facts) = Run();

        Assert.That(ValueOf(facts, "credentials"), Is.EqualTo(
            $"the VPC instance identity, traded with the metadata service at {NoService}/ (from IBMTP_VPC_METADATA_URL), API version 2025-08-26 (from default), for a token"));
        Assert.That(facts[^1].Name, Is.EqualTo("IAM exchange"));
        Assert.That(passed, Is.False);
    }

    [Test]
    public void In_vpc_mode_the_API_version_setting_and_its_origin_are_shown()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.WriteConfig("""{"vpcMetadataVersion":"2022-03-01"}""");

        Assert.That(ValueOf(Run().Facts, "credentials"), Does.EndWith(", API version 2022-03-01 (from config file " + Home.Variables["XDG_CONFIG_HOME"] + "/ibmtp/config.json), for a token"));
    }

    [Test]
    public void In_vpc_mode_a_version_that_is_no_date_is_the_problem()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.Variables["IBMTP_VPC_METADATA_VERSION"] = "2025-8-26";

        var (passed, facts) = Run();

        Assert.That(facts[^1], Is.EqualTo(new Fact("credentials", "IBMTP_VPC_METADATA_VERSION is '2025-8-26': give a date YYYY-MM-DD from 2022-03-01 on, such as 2025-08-26", Problem: true)));
        Assert.That(passed, Is.False);
    }

    [Test]
    public void In_powervs_mode_the_instance_identity_is_traded_with_the_PowerVS_metadata_service()
    {
        Home.Variables["IBMTP_MODE"] = "powervs";
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-check";
        Home.Variables["IBMTP_POWERVS_METADATA_URL"] = NoService;

        var (passed, facts) = Run();

        Assert.That(ValueOf(facts, "mode"), Is.EqualTo("powervs (from IBMTP_MODE)"));
        Assert.That(ValueOf(facts, "credentials"), Is.EqualTo(
            $"the PowerVS instance identity, traded with the metadata service at {NoService}/ (from IBMTP_POWERVS_METADATA_URL) for a token"));
        Assert.That(facts[^1].Name, Is.EqualTo("IAM exchange"));
        Assert.That(passed, Is.False);
    }

    [Test]
    public void In_powervs_mode_a_missing_profile_is_the_problem()
    {
        Home.Variables["IBMTP_MODE"] = "powervs";

        var (passed, facts) = Run();

        Assert.That(facts[^1], Is.EqualTo(new Fact("credentials", "powervs mode needs a trusted profile: set IBMTP_PROFILE_ID, IBMTP_PROFILE_CRN or IBMTP_PROFILE_NAME", Problem: true)));
        Assert.That(passed, Is.False);
    }

    [Test]
    public void A_cached_token_too_close_to_its_expiry_to_use_is_said_to_be_replaced_by_the_next_get()
    {
        UseTokenModeWithCachedToken(issuedAgo: TimeSpan.FromHours(1), expiresIn: TimeSpan.FromSeconds(5));

        Assert.That(ValueOf(Run().Facts, "cached token"), Is.EqualTo("expired; the next get asks IAM"));
    }

    [Test]
    public void A_cached_token_past_its_renewal_point_is_renewed_after_0s()
    {
        UseTokenModeWithCachedToken(issuedAgo: TimeSpan.FromHours(2), expiresIn: TimeSpan.FromMinutes(14));

        Assert.That(ValueOf(Run().Facts, "cached token"), Does.Match(@"^valid for 13m\d\ds, renewed after 0s$"));
    }

    private void UseTokenModeWithCachedToken(TimeSpan issuedAgo, TimeSpan expiresIn)
    {
        Home.Variables["IBMTP_MODE"] = "token";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-check";
        var exchange = ((TokenPlan)Services.TrustedProfiles.Plan(Registry.Host("us.icr.io"))!).Exchange;
        var now = DateTimeOffset.UtcNow;
        var token = new IamToken(new Secret("cached-access-token"), now - issuedAgo, now + expiresIn);
        using var deadline = new Deadline(TimeSpan.FromSeconds(5), TimeProvider.System);
        Services.TokenCache.RefreshAsync(TokenService.CacheKey(exchange), () => Task.FromResult(token), deadline, _ => { }).GetAwaiter().GetResult();
    }
}
