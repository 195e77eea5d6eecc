using System.Net;
using System.Text;
using Ibmtp.CloudIdentity;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Iam;

/// <summary>
/// A person's grants, as the IBM Cloud CLI makes them (IBM-Cloud/ibm-cloud-cli-sdk
/// <c>bluemix/authentication/iam/iam.go</c>): as the public client <c>bx:bx</c>, with the passcode or
/// the refresh token in the form; and IAM's words for a session it no longer accepts.
/// </summary>
[TestFixture]
public sealed class PersonGrantsTests
{
    private const string Passcode = "Passcode-Q7w8E9r0";
    private const string RefreshToken = "RefreshToken-7a6b5c4d3e2f1a0b";
    private static readonly TrustedProfile Profile = new(TrustedProfileKind.Id, "Profile-11111111-2222-3333-4444-555555555555");

    private static Deadline Seconds(double seconds) => new(TimeSpan.FromSeconds(seconds), TimeProvider.System);

    private static FakeHttp AnswerPersonTokens(FakeHttp http, string accessToken = "person-access-token", string refreshToken = "RefreshToken-next-0f9e8d7c") =>
        http.Answer(HttpStatusCode.OK,
            $$"""{"access_token":"{{accessToken}}","refresh_token":"{{refreshToken}}","session_id":"session-4c2a","token_type":"Bearer","expires_in":3600,"expiration":0,"scope":"ibm openid"}""");

    private static string IamError(string code, string message) =>
        $$$"""{"errorCode":"{{{code}}}","errorMessage":"{{{message}}}","context":{"requestId":"req-9"}}""";

    [Test]
    public async Task The_passcode_grant_is_made_as_the_CLIs_public_client_with_the_passcode_and_account_in_the_form()
    {
        var http = AnswerPersonTokens(new FakeHttp());
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var tokens = await iam.PasscodeAsync(new Secret(Passcode), "account-1", deadline);

        var request = http.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(request.Url.AbsolutePath, Is.EqualTo("/identity/token"));
            Assert.That(request.Headers["Authorization"], Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("bx:bx"))));
            Assert.That(request.Form, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ibm:params:oauth:grant-type:passcode",
                ["passcode"] = Passcode,
                ["response_type"] = "cloud_iam",
                ["account"] = "account-1",
            }));
            Assert.That(tokens.Access.AccessToken.Value, Is.EqualTo("person-access-token"));
            Assert.That(tokens.RefreshToken.Value, Is.EqualTo("RefreshToken-next-0f9e8d7c"));
            Assert.That(tokens.SessionId, Is.EqualTo("session-4c2a"));
        }
    }

    [Test]
    public async Task The_passcode_grant_sends_no_account_when_none_is_chosen()
    {
        var http = AnswerPersonTokens(new FakeHttp());
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        await iam.PasscodeAsync(new Secret(Passcode), null, deadline);

        Assert.That(http.Requests.Single().Form.Keys, Is.EquivalentTo(new[] { "grant_type", "passcode", "response_type" }));
    }

    [Test]
    public async Task The_refresh_grant_sends_the_refresh_token_as_the_public_client_and_answers_the_next_one()
    {
        var http = AnswerPersonTokens(new FakeHttp());
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var tokens = await iam.RefreshAsync(new Secret(RefreshToken), deadline);

        var request = http.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Headers["Authorization"], Is.EqualTo("Basic Yng6Yng="));
            Assert.That(request.Form, Is.EquivalentTo(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = RefreshToken,
                ["response_type"] = "cloud_iam",
            }));
            Assert.That(tokens.RefreshToken.Value, Is.EqualTo("RefreshToken-next-0f9e8d7c"));
            Assert.That(tokens.RefreshToken.ToString(), Is.EqualTo(SecretRedactor.Mask), "the new refresh token is a secret");
        }
    }

    [Test]
    public async Task A_trusted_profiles_grants_still_carry_no_Authorization_header()
    {
        var http = new FakeHttp().AnswerToken("profile-token");
        using var deadline = Seconds(5);
        using var iam = http.Iam();
        var person = new IamToken(new Secret("person-token"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));

        await iam.AssumeProfileAsPersonAsync(person, Profile, deadline);

        var request = http.Requests.Single();
        Assert.That(request.Headers.Keys, Does.Not.Contain("Authorization"));
        Assert.That(request.Form, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ibm:params:oauth:grant-type:assume",
            ["access_token"] = "person-token",
            ["profile_id"] = Profile.Value,
        }));
    }

    [Test]
    public void A_refresh_answer_without_a_refresh_token_is_no_session()
    {
        var http = new FakeHttp().AnswerToken("person-access-token");
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        Assert.That(() => iam.RefreshAsync(new Secret(RefreshToken), deadline),
            Throws.TypeOf<IamUnavailableException>().With.Message.EndsWith("answered the refresh_token grant without a refresh token"));
    }

    [TestCase("BXNIM0407E", "Invalid refresh token", "IAM no longer accepts the session's refresh token")]
    [TestCase("BXNIM0408E", "Refresh token expired", "the session's refresh token expired")]
    [TestCase("BXNIM0439E", "Session is inactive", "the session is no longer active (ended for inactivity, or by its account's session limits)")]
    public void IAMs_codes_for_a_session_it_no_longer_accepts_end_the_session_with_a_reason_a_person_reads(string code, string message, string reason)
    {
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, IamError(code, message));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var ended = Assert.ThrowsAsync<SessionEndedException>(() => iam.RefreshAsync(new Secret(RefreshToken), deadline));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ended.Reason, Is.EqualTo(reason));
            Assert.That(ended.Message, Does.StartWith($"IAM rejected the refresh_token grant (HTTP 400): {code} {message} (request id req-9)"));
            Assert.That(ended.Message, Does.Not.Contain(RefreshToken));
        }
    }

    [Test]
    public void Another_rejection_of_the_refresh_grant_is_a_plain_rejection()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, IamError("BXNIM0109E", "Property missing or empty"));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var rejected = Assert.ThrowsAsync<IamRejectedException>(() => iam.RefreshAsync(new Secret(RefreshToken), deadline));

        Assert.That(rejected, Is.Not.InstanceOf<SessionEndedException>());
    }

    [Test]
    public void A_profile_that_refuses_the_persons_token_ends_the_session_but_refuses_a_service_IDs_key_as_before()
    {
        var refusal = File.ReadAllText(RepositoryFiles.Path("tests", "fixtures", "ibm-sdk", "issue-iam-error-BXNIM0398E.json"));
        var person = new IamToken(new Secret("person-token"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, refusal).Answer(HttpStatusCode.BadRequest, refusal);
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var ended = Assert.ThrowsAsync<SessionEndedException>(() => iam.AssumeProfileAsPersonAsync(person, Profile, deadline));
        var rejected = Assert.ThrowsAsync<IamRejectedException>(() => iam.AssumeProfileAsync(person, Profile, deadline));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ended.Reason, Is.EqualTo($"the trusted profile {Profile} does not trust you (any more)"));
            Assert.That(ended.Message, Does.EndWith($"check that the trusted profile {Profile} exists and trusts you"));
            Assert.That(rejected, Is.Not.InstanceOf<SessionEndedException>());
            Assert.That(rejected.Message, Does.EndWith("trusts the service ID that owns the API key"));
        }
    }

    [Test]
    public void A_server_in_trouble_never_ends_a_session()
    {
        var trouble = IamError("BXNIM0408E", "Refresh token expired");
        var http = new FakeHttp();
        for (var attempt = 0; attempt < 10; attempt++)
            http.Answer(HttpStatusCode.ServiceUnavailable, trouble);
        using var deadline = Seconds(1);
        using var iam = http.Iam();

        Assert.That(() => iam.RefreshAsync(new Secret(RefreshToken), deadline), Throws.Exception.Not.InstanceOf<SessionEndedException>());
    }

    [Test]
    public async Task Discovery_reads_the_passcode_page_from_IAMs_OpenID_configuration()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.OK,
            """{"issuer":"https://iam.cloud.ibm.com/identity","passcode_endpoint":"https://identity-1.us-south.iam.cloud.ibm.com/identity/passcode","token_endpoint":"https://iam.cloud.ibm.com/identity/token"}""");
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var passcodePage = await iam.PasscodeEndpointAsync(deadline);

        Assert.That(passcodePage, Is.EqualTo(new Uri("https://identity-1.us-south.iam.cloud.ibm.com/identity/passcode")));
        Assert.That(http.Requests.Single().Method, Is.EqualTo(HttpMethod.Get));
        Assert.That(http.Requests.Single().Url.AbsolutePath, Is.EqualTo("/identity/.well-known/openid-configuration"));
    }

    [TestCase("""{"issuer":"x"}""")]
    [TestCase("""{"passcode_endpoint":"http://identity.example/identity/passcode"}""")]
    [TestCase("""{"passcode_endpoint":"not a url"}""")]
    public void A_configuration_without_an_https_passcode_page_is_refused(string body)
    {
        var http = new FakeHttp().Answer(HttpStatusCode.OK, body);
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        Assert.That(() => iam.PasscodeEndpointAsync(deadline),
            Throws.TypeOf<IamUnavailableException>().With.Message.EndsWith("without an https passcode_endpoint"));
    }
}
