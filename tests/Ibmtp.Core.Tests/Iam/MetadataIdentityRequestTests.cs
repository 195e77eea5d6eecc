using System.Net;
using Ibmtp.Configuration;
using Ibmtp.Credentials;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Iam;

/// <summary>
/// The metadata services' identity calls, request by request, as IBM's SDKs make them: go-sdk-core's
/// <c>core/vpc_instance_authenticator.go</c> (#273, 2026-06-19: <c>VPC_IMS_VERSION</c> picks the paths,
/// <c>Metadata-Flavor: ibm</c> on both calls) and the trusted profile by name of the July 2026 SDK
/// releases; and IBM's PowerVS instance identity, which has its own service and no version. The SDKs
/// write the same JSON with a space after each colon; the bodies here are the same JSON, compact.
/// </summary>
[TestFixture]
public sealed class MetadataIdentityRequestTests : TempHomeFixture
{
    private const string ProfileId = "Profile-11111111-2222-3333-4444-555555555555";
    private const string ProfileCrn = "crn:v1:bluemix:public:iam-identity::a/account-1::profile:" + ProfileId;
    private const string Metadata = "https://iam.test.example/";

    private FakeHttp _metadata = null!;

    [SetUp]
    public void StartFake() => _metadata = new FakeHttp();

    private Login? Get()
    {
        var environment = new DictionaryEnvironment(Home.Variables);
        var settings = SettingsResolver.Resolve(environment, new HelperPaths(environment));
        var secrets = new EnvironmentSecrets(environment, []);
        var tokens = new TokenService(NullTokenCache.Instance, TimeSpan.FromSeconds(5), TimeProvider.System, _ => { });
        var source = new TrustedProfileSource(settings, secrets, tokens, _ => throw new AssertionException("IAM is never called"), (_, api) => _metadata.Metadata(api: api));
        return source.Find(Registry.Host("us.icr.io"));
    }

    private string Exchange()
    {
        _metadata.AnswerToken("instance-identity").AnswerToken("profile-token");
        var login = Get()!;
        Assert.That(_metadata.Requests, Has.Count.EqualTo(2));
        return login.Secret.Value;
    }

    private RecordedRequest Put => _metadata.Requests[0];

    private RecordedRequest Post => _metadata.Requests[1];

    [Test]
    public void VPC_mode_asks_API_version_2025_08_26_on_the_identity_paths_by_default()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.Variables["IBMTP_PROFILE_ID"] = ProfileId;

        Assert.That(Exchange(), Is.EqualTo("profile-token"));

        Assert.That(Put.Method, Is.EqualTo(HttpMethod.Put));
        Assert.That(Put.Url.AbsoluteUri, Is.EqualTo(Metadata + "identity/v1/token?version=2025-08-26"));
        Assert.That(Put.Headers["Metadata-Flavor"], Is.EqualTo("ibm"));
        Assert.That(Put.Headers["Accept"], Is.EqualTo("application/json"));
        Assert.That(Put.Headers["Content-Type"], Is.EqualTo("application/json"));
        Assert.That(Put.Headers, Does.Not.ContainKey("Authorization"));
        Assert.That(Put.Body, Is.EqualTo("""{"expires_in":300}"""));

        Assert.That(Post.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(Post.Url.AbsoluteUri, Is.EqualTo(Metadata + "identity/v1/iam_tokens?version=2025-08-26"));
        Assert.That(Post.Headers["Metadata-Flavor"], Is.EqualTo("ibm"));
        Assert.That(Post.Headers["Accept"], Is.EqualTo("application/json"));
        Assert.That(Post.Headers["Authorization"], Is.EqualTo("Bearer instance-identity"));
        Assert.That(Post.Headers["Content-Type"], Is.EqualTo("application/json"));
        Assert.That(Post.Body, Is.EqualTo($$$"""{"trusted_profile":{"id":"{{{ProfileId}}}"}}"""));
    }

    [TestCase("2022-03-01", "instance_identity/v1/token", "instance_identity/v1/iam_token")]
    [TestCase("2025-08-25", "instance_identity/v1/token", "instance_identity/v1/iam_token")]
    [TestCase("2025-08-26", "identity/v1/token", "identity/v1/iam_tokens")]
    [TestCase(" 2026-07-01 ", "identity/v1/token", "identity/v1/iam_tokens")]
    public void The_version_setting_is_sent_as_is_and_picks_the_paths(string version, string tokenPath, string iamTokenPath)
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.Variables["IBMTP_VPC_METADATA_VERSION"] = version;

        Exchange();

        Assert.That(Put.Url.AbsoluteUri, Is.EqualTo($"{Metadata}{tokenPath}?version={version.Trim()}"));
        Assert.That(Post.Url.AbsoluteUri, Is.EqualTo($"{Metadata}{iamTokenPath}?version={version.Trim()}"));
    }

    [Test]
    public void The_version_comes_from_the_config_file_too()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.WriteConfig("""{"vpcMetadataVersion":"2022-03-01"}""");

        Exchange();

        Assert.That(Put.Url.AbsolutePath, Is.EqualTo("/instance_identity/v1/token"));
    }

    [TestCase("2025-8-26")]
    [TestCase("26.08.2025")]
    [TestCase("2025-08-26T00:00:00Z")]
    [TestCase("2022-02-28")]
    [TestCase("latest")]
    public void A_version_that_is_no_date_from_2022_03_01_on_is_refused_before_any_call(string version)
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.Variables["IBMTP_VPC_METADATA_VERSION"] = version;

        var error = Assert.Throws<HelperException>(() => Get());

        Assert.That(error!.Message, Is.EqualTo($"IBMTP_VPC_METADATA_VERSION is '{version}': give a date YYYY-MM-DD from 2022-03-01 on, such as 2025-08-26"));
        Assert.That(_metadata.Requests, Is.Empty);
    }

    [Test]
    public void VPC_mode_without_a_profile_posts_no_body_so_the_instances_default_profile_applies()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";

        Exchange();

        Assert.That(Post.Body, Is.Empty);
        Assert.That(Post.Headers, Does.Not.ContainKey("Content-Type"));
    }

    [Test]
    public void VPC_mode_names_a_profile_by_CRN()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.Variables["IBMTP_PROFILE_CRN"] = ProfileCrn;

        Exchange();

        Assert.That(Post.Body, Is.EqualTo($$$"""{"trusted_profile":{"crn":"{{{ProfileCrn}}}"}}"""));
    }

    [TestCase("vpc")]
    [TestCase("powervs")]
    public void A_profile_named_by_name_is_sent_by_name_without_its_account(string mode)
    {
        Home.Variables["IBMTP_MODE"] = mode;
        Home.Variables["IBMTP_PROFILE_NAME"] = "builder";
        Home.Variables["IBMTP_ACCOUNT_ID"] = "account-1";

        Exchange();

        Assert.That(Post.Body, Is.EqualTo("""{"trusted_profile":{"name":"builder"}}"""));
    }

    [TestCase("2022-03-01")]
    [TestCase("2025-08-25")]
    public void A_version_before_2025_08_26_with_a_profile_name_is_refused_before_any_call(string version)
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.Variables["IBMTP_VPC_METADATA_VERSION"] = version;
        Home.Variables["IBMTP_PROFILE_NAME"] = "builder";

        var error = Assert.Throws<HelperException>(() => Get());

        Assert.That(error!.Message, Is.EqualTo(
            $"IBMTP_VPC_METADATA_VERSION is {version}, whose /instance_identity/v1/iam_token call takes no trusted profile name: " +
            "set IBMTP_VPC_METADATA_VERSION to 2025-08-26 or later, or name the profile by ID or CRN (IBMTP_PROFILE_ID or IBMTP_PROFILE_CRN)"));
        Assert.That(_metadata.Requests, Is.Empty);
    }

    [TestCase("IBMTP_PROFILE_ID", ProfileId, "id")]
    [TestCase("IBMTP_PROFILE_CRN", ProfileCrn, "crn")]
    public void A_version_before_2025_08_26_takes_a_profile_by_ID_or_CRN(string variable, string value, string field)
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.Variables["IBMTP_VPC_METADATA_VERSION"] = "2022-03-01";
        Home.Variables[variable] = value;

        Exchange();

        Assert.That(Post.Body, Is.EqualTo($"{{\"trusted_profile\":{{\"{field}\":\"{value}\"}}}}"));
    }

    [Test]
    public void PowerVS_mode_trades_the_instance_identity_on_its_own_service_without_a_version()
    {
        Home.Variables["IBMTP_MODE"] = "powervs";
        Home.Variables["IBMTP_PROFILE_ID"] = ProfileId;
        Home.Variables["IBMTP_VPC_METADATA_VERSION"] = "2022-03-01";

        Assert.That(Exchange(), Is.EqualTo("profile-token"));

        Assert.That(Put.Method, Is.EqualTo(HttpMethod.Put));
        Assert.That(Put.Url.AbsoluteUri, Is.EqualTo(Metadata + "identity/v1/token"));
        Assert.That(Put.Headers["Metadata-Flavor"], Is.EqualTo("ibm"));
        Assert.That(Put.Body, Is.EqualTo("""{"expires_in":300}"""));
        Assert.That(Post.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(Post.Url.AbsoluteUri, Is.EqualTo(Metadata + "identity/v1/iam_tokens"));
        Assert.That(Post.Headers["Metadata-Flavor"], Is.EqualTo("ibm"));
        Assert.That(Post.Headers["Authorization"], Is.EqualTo("Bearer instance-identity"));
        Assert.That(Post.Body, Is.EqualTo($$$"""{"trusted_profile":{"id":"{{{ProfileId}}}"}}"""));
    }

    [Test]
    public void PowerVS_mode_without_a_profile_says_what_to_set_before_any_call()
    {
        Home.Variables["IBMTP_MODE"] = "powervs";

        var error = Assert.Throws<HelperException>(() => Get());

        Assert.That(error!.Message, Is.EqualTo("powervs mode needs a trusted profile: set IBMTP_PROFILE_ID, IBMTP_PROFILE_CRN or IBMTP_PROFILE_NAME"));
        Assert.That(_metadata.Requests, Is.Empty);
    }

    [Test]
    public void A_service_that_refuses_the_identity_paths_points_an_older_virtual_server_to_the_version_setting()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        _metadata.Answer(HttpStatusCode.NotFound, """{"errors":[{"code":"not_found","message":"Not found."}],"trace":"t-1"}""");

        var error = Assert.Throws<IamRejectedException>(() => Get());

        Assert.That(error!.Message, Is.EqualTo(
            "the VPC metadata service rejected PUT /identity/v1/token (HTTP 404): not_found Not found. (trace t-1); " +
            "a metadata service that does not offer API version 2025-08-26 yet refuses the /identity/v1 calls: on a virtual server, set IBMTP_VPC_METADATA_VERSION=2022-03-01 for the /instance_identity/v1 calls"));
    }

    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.BadRequest)]
    public void A_bare_metal_server_refusing_the_old_paths_is_told_to_leave_the_version_at_its_default(HttpStatusCode status)
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        Home.Variables["IBMTP_VPC_METADATA_VERSION"] = "2022-03-01";
        _metadata.Answer(status, """{"errors":[{"code":"not_found","message":"Not found."}],"trace":"t-1"}""");

        var error = Assert.Throws<IamRejectedException>(() => Get());

        Assert.That(error!.Message, Does.StartWith($"the VPC metadata service rejected PUT /instance_identity/v1/token (HTTP {(int)status}): ").And.EndWith(
            "; IBMTP_VPC_METADATA_VERSION is 2022-03-01, whose /instance_identity/v1 calls bare metal servers refuse: unset IBMTP_VPC_METADATA_VERSION or set it to 2025-08-26 or later"));
    }

    [Test]
    public void A_refused_profile_exchange_is_about_the_profile_not_the_version()
    {
        Home.Variables["IBMTP_MODE"] = "vpc";
        _metadata.AnswerToken("instance-identity")
            .Answer(HttpStatusCode.NotFound, """{"errors":[{"code":"trusted_profile_not_found","message":"The trusted profile was not found."}],"trace":"t-2"}""");

        var error = Assert.Throws<IamRejectedException>(() => Get());

        Assert.That(error!.Message, Does.StartWith("the VPC metadata service rejected POST /identity/v1/iam_tokens (HTTP 404)")
            .And.EndWith("; check that the metadata service is enabled for this instance and that the trusted profile trusts it"));
    }

    [Test]
    public void A_PowerVS_service_refusing_the_first_call_points_to_its_URL_setting()
    {
        Home.Variables["IBMTP_MODE"] = "powervs";
        Home.Variables["IBMTP_PROFILE_ID"] = ProfileId;
        _metadata.Answer(HttpStatusCode.NotFound, """{"errors":[{"code":"not_found","message":"Not found."}],"trace":"t-3"}""");

        var error = Assert.Throws<IamRejectedException>(() => Get());

        Assert.That(error!.Message, Does.StartWith("the PowerVS metadata service rejected PUT /identity/v1/token (HTTP 404)")
            .And.EndWith("; check IBMTP_POWERVS_METADATA_URL: it names the Power Virtual Server metadata service, https://api.metadata.power-iaas.cloud.ibm.com by default"));
    }
}
