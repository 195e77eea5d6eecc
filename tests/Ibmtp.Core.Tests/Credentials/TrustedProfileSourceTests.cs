using Ibmtp.Configuration;
using Ibmtp.Credentials;
using Ibmtp.Platform;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Credentials;

[TestFixture]
public sealed class TrustedProfileSourceTests : TempHomeFixture
{
    private const string ApiKey = "api-key-0123456789abcdefghijklmnopqrstuvwxy";
    private const string ProfileId = "Profile-11111111-2222-3333-4444-555555555555";

    private FakeHttp _iam = null!;
    private FakeHttp _metadata = null!;
    private string _crTokenFile = null!;

    [SetUp]
    public void StartFakes()
    {
        _iam = new FakeHttp();
        _metadata = new FakeHttp();
        _crTokenFile = Path.Combine(Home.Root, "sa-token");
    }

    private Login? Get(string host = "us.icr.io")
    {
        var environment = new DictionaryEnvironment(Home.Variables);
        var settings = SettingsResolver.Resolve(environment, new HelperPaths(environment));
        var secrets = new EnvironmentSecrets(environment, [_crTokenFile]);
        var tokens = new TokenService(NullTokenCache.Instance, TimeSpan.FromSeconds(5), TimeProvider.System, _ => { });
        var source = new TrustedProfileSource(settings, secrets, tokens, _ => _iam.Iam(), (_, api) => _metadata.Metadata(api: api));
        return source.Find(Registry.Host(host));
    }

    [Test]
    public void Auto_mode_with_an_API_key_hands_over_the_key_as_the_profile_without_any_network()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_PROFILE_ID"] = ProfileId;

        var found = Get()!;

        Assert.That(found.Username, Is.EqualTo(ProfileId));
        Assert.That(found.Secret.Value, Is.EqualTo(ApiKey));
        Assert.That(_iam.Requests.Concat(_metadata.Requests), Is.Empty);
    }

    [Test]
    public void Apikey_mode_with_a_profile_CRN_logs_in_as_the_profile_ID_the_CRN_ends_with()
    {
        Home.Variables["IBMTP_MODE"] = "apikey";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_PROFILE_CRN"] = $"crn:v1:bluemix:public:iam-identity::a/account-1::profile:{ProfileId}";

        Assert.That(Get()!.Username, Is.EqualTo(ProfileId));
    }

    /// <summary>The registry takes a profile by ID only: passed through, a key for a profile named otherwise would log in as its own service ID.</summary>
    [TestCase("IBMTP_PROFILE_NAME", "builder", "profile_name")]
    [TestCase("IBMTP_PROFILE_CRN", "crn:v1:bluemix:public:iam-identity::a/account-1::profile:" + ProfileId, "profile_crn")]
    public void Auto_mode_with_an_API_key_for_a_profile_named_by_name_or_CRN_trades_the_key_for_the_profiles_token(string variable, string value, string field)
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_ACCOUNT_ID"] = "account-1";
        Home.Variables[variable] = value;
        _iam.AnswerToken("key-owner-token").AnswerToken("profile-token");

        var found = Get()!;

        Assert.That(found.Username, Is.EqualTo("iambearer"));
        Assert.That(found.Secret.Value, Is.EqualTo("profile-token"));
        Assert.That(found.Origin, Is.EqualTo("IAM (token)"));
        Assert.That(_iam.Requests.Select(request => request.Form["grant_type"]), Is.EqualTo(new[]
        {
            "urn:ibm:params:oauth:grant-type:apikey",
            "urn:ibm:params:oauth:grant-type:assume",
        }));
        Assert.That(_iam.Requests[1].Form[field], Is.EqualTo(value));
    }

    [Test]
    public void Auto_mode_with_an_API_key_for_a_profile_name_without_its_account_says_what_to_set_and_calls_nobody()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_PROFILE_NAME"] = "builder";

        var error = Assert.Throws<HelperException>(() => Get());

        Assert.That(error.Message, Does.Contain("IBMTP_ACCOUNT_ID"));
        Assert.That(_iam.Requests, Is.Empty);
    }

    [TestCase("IBMTP_PROFILE_NAME", "builder")]
    [TestCase("IBMTP_PROFILE_CRN", "crn:v1:bluemix:public:iam-identity::a/account-1::profile-without-an-id")]
    [TestCase("IBMCLOUD_CR_PROFILE", "builder")]
    public void Apikey_mode_with_a_profile_the_registry_cannot_take_is_an_error_that_says_what_to_set(string variable, string value)
    {
        Home.Variables["IBMTP_MODE"] = "apikey";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_ACCOUNT_ID"] = "account-1";
        Home.Variables[variable] = value;

        var error = Assert.Throws<HelperException>(() => Get());

        Assert.That(error.Message, Does.Contain(value).And.Contain("set IBMTP_PROFILE_ID").And.Contain("IBMTP_MODE=token"));
        Assert.That(error.Message, Does.Not.Contain(ApiKey).And.Not.Contain("\n"));
        Assert.That(_iam.Requests, Is.Empty);
    }

    [Test]
    public void Auto_mode_without_a_key_trades_a_compute_resource_token_for_the_profiles_token()
    {
        File.WriteAllText(_crTokenFile, "projected-token\n");
        Home.Variables["IBMTP_PROFILE_ID"] = ProfileId;
        _iam.AnswerToken("profile-token");

        var found = Get()!;

        Assert.That(found.Username, Is.EqualTo("iambearer"));
        Assert.That(found.Secret.Value, Is.EqualTo("profile-token"));
        Assert.That(_iam.Requests.Single().Form["cr_token"], Is.EqualTo("projected-token"));
    }

    [TestCase("auto", "cr-token")]
    [TestCase("token", "token")]
    [TestCase("vpc", "vpc")]
    public void A_token_login_names_the_mode_that_traded_for_it_as_users_spell_it(string mode, string tradedBy)
    {
        Home.Variables["IBMTP_MODE"] = mode;
        Home.Variables["IBMTP_PROFILE_ID"] = ProfileId;
        if (mode == "token")
            Home.Variables["IBMTP_API_KEY"] = ApiKey;
        File.WriteAllText(_crTokenFile, "projected-token");
        _iam.AnswerToken("first-token").AnswerToken("second-token");
        _metadata.AnswerToken("instance-identity").AnswerToken("profile-token");

        Assert.That(Get()!.Origin, Is.EqualTo($"IAM ({tradedBy})"));
    }

    [Test]
    public void Auto_mode_with_a_compute_resource_token_but_no_profile_finds_nothing_and_calls_nobody()
    {
        File.WriteAllText(_crTokenFile, "projected-token");

        Assert.That(Get(), Is.Null);
        Assert.That(_iam.Requests.Concat(_metadata.Requests), Is.Empty);
    }

    [Test]
    public void Token_mode_makes_exactly_the_apikey_and_assume_grants()
    {
        Home.Variables["IBMTP_MODE"] = "token";
        Home.Variables["IBMCLOUD_API_KEY"] = ApiKey;
        Home.Variables["IBMCLOUD_CR_PROFILE"] = ProfileId;
        _iam.AnswerToken("key-owner-token").AnswerToken("profile-token");

        var found = Get()!;

        Assert.That(found.Secret.Value, Is.EqualTo("profile-token"));
        Assert.That(_iam.Requests.Select(request => request.Form["grant_type"]), Is.EqualTo(new[]
        {
            "urn:ibm:params:oauth:grant-type:apikey",
            "urn:ibm:params:oauth:grant-type:assume",
        }));
        Assert.That(_iam.Requests[1].Form["profile_id"], Is.EqualTo(ProfileId));
    }

    [Test]
    public void Token_mode_without_a_profile_returns_the_keys_own_token()
    {
        Home.Variables["IBMTP_MODE"] = "token";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        _iam.AnswerToken("key-owner-token");

        Assert.That(Get()!.Secret.Value, Is.EqualTo("key-owner-token"));
        Assert.That(_iam.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Vpc_mode_asks_the_metadata_service_for_the_instance_identity_then_the_profile_token()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.Variables["IBMTP_PROFILE_ID"] = ProfileId;
        _metadata.AnswerToken("instance-identity").AnswerToken("profile-token");

        var found = Get()!;

        Assert.That(found.Secret.Value, Is.EqualTo("profile-token"));
        Assert.That(_metadata.Requests.Select(request => request.Method), Is.EqualTo(new[] { HttpMethod.Put, HttpMethod.Post }));
        Assert.That(_metadata.Requests.Select(request => request.Headers["Metadata-Flavor"]), Has.All.EqualTo("ibm"));
        Assert.That(_metadata.Requests[1].Headers["Authorization"], Is.EqualTo("Bearer instance-identity"));
        Assert.That(_metadata.Requests[1].Body, Does.Contain(ProfileId));
        Assert.That(_iam.Requests, Is.Empty);
    }

    [TestCase("auto", "api-key-0123456789abcdefghijklmnopqrstuvwxy")]
    [TestCase("apikey", "api-key-0123456789abcdefghijklmnopqrstuvwxy")]
    [TestCase("token", "second-token")]
    [TestCase("cr-token", "first-token")]
    public void No_mode_but_vpc_ever_contacts_the_metadata_service(string mode, string secret)
    {
        // Everything every mode could use is there, so each mode runs its whole flow.
        Home.Variables["IBMTP_MODE"] = mode;
        Home.Variables["IBMTP_PROFILE_ID"] = ProfileId;
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        File.WriteAllText(_crTokenFile, "projected-token");
        _iam.AnswerToken("first-token").AnswerToken("second-token");

        Assert.That(Get()!.Secret.Value, Is.EqualTo(secret));
        Assert.That(_metadata.Requests, Is.Empty);
    }

    [Test]
    public void A_token_login_says_when_the_token_expires_and_when_the_cache_renews_it()
    {
        Home.Variables["IBMTP_MODE"] = "token";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        _iam.AnswerToken("key-owner-token", expiresIn: 1000);
        var before = DateTimeOffset.UtcNow;

        var login = Get()!;

        Assert.That(login.ExpiresAt, Is.EqualTo(before.AddSeconds(1000)).Within(TimeSpan.FromSeconds(5)));
        // Under 30 minutes in all, so the token is renewed once half its life is over.
        Assert.That(login.RenewAt, Is.EqualTo(before.AddSeconds(500)).Within(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void An_API_key_login_has_no_expiry()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        var login = Get()!;

        Assert.That(login.ExpiresAt, Is.Null);
        Assert.That(login.RenewAt, Is.Null);
    }

    [Test]
    public void An_http_IAM_URL_that_is_not_loopback_is_refused_before_sending_the_key()
    {
        Home.Variables["IBMTP_MODE"] = "token";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_IAM_URL"] = "http://iam.example.com";

        var error = Assert.Throws<HelperException>(() => Get());

        Assert.That(error.Message, Does.Contain("https is required"));
        Assert.That(_iam.Requests, Is.Empty);
    }
}
