using System.Diagnostics;
using System.Net;
using Ibmtp.CloudIdentity;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Iam;

[TestFixture]
public sealed class IamClientTests
{
    private static readonly Secret ApiKey = new("test-api-key-0123456789abcdefghijklmnopqrs");
    private static readonly TrustedProfile Profile = new(TrustedProfileKind.Id, "Profile-11111111-2222-3333-4444-555555555555");

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Deadline Seconds(double seconds) => new(TimeSpan.FromSeconds(seconds), TimeProvider.System);

    [Test]
    public async Task The_apikey_grant_posts_the_key_as_a_form_field_with_no_Authorization_header()
    {
        var http = new FakeHttp().AnswerToken("eyJ.key-owner-token");
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var token = await iam.ApiKeyTokenAsync(ApiKey, deadline);

        var request = http.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(token.AccessToken.Value, Is.EqualTo("eyJ.key-owner-token"));
            Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(request.Url.AbsolutePath, Is.EqualTo("/identity/token"));
            Assert.That(request.Headers.Keys, Does.Not.Contain("Authorization"));
            Assert.That(request.Form["grant_type"], Is.EqualTo("urn:ibm:params:oauth:grant-type:apikey"));
            Assert.That(request.Form["apikey"], Is.EqualTo(ApiKey.Value));
            Assert.That(token.ExpiresAt - token.IssuedAt, Is.EqualTo(TimeSpan.FromHours(1)));
        }
    }

    [Test]
    public async Task The_assume_grant_names_the_profile_and_carries_the_key_owners_token()
    {
        var http = new FakeHttp().AnswerToken("profile-token");
        using var deadline = Seconds(5);
        using var iam = http.Iam();
        var owner = new IamToken(new Secret("key-owner-token"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));

        await iam.AssumeProfileAsync(owner, new TrustedProfile(TrustedProfileKind.Name, "builder", "account-1"), deadline);

        Assert.That(http.Requests.Single().Form, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ibm:params:oauth:grant-type:assume",
            ["access_token"] = "key-owner-token",
            ["profile_name"] = "builder",
            ["account"] = "account-1",
        }));
    }

    [Test]
    public void Assuming_a_profile_by_name_without_its_account_fails_before_any_request()
    {
        var http = new FakeHttp();
        using var deadline = Seconds(5);
        using var iam = http.Iam();
        var owner = new IamToken(new Secret("t"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));

        var error = Assert.ThrowsAsync<HelperException>(() => iam.AssumeProfileAsync(owner, new TrustedProfile(TrustedProfileKind.Name, "builder"), deadline));

        Assert.That(error.Message, Does.Contain("IBMTP_ACCOUNT_ID"));
        Assert.That(http.Requests, Is.Empty);
    }

    [Test]
    public async Task The_cr_token_grant_sends_the_compute_resource_token_and_profile()
    {
        var http = new FakeHttp().AnswerToken("profile-token");
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        await iam.CrTokenAsync(new Secret("projected-sa-token"), new TrustedProfile(TrustedProfileKind.Crn, "crn:v1:bluemix:public:iam-identity::a/acc::profile:Profile-1"), deadline);

        var form = http.Requests.Single().Form;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(form["grant_type"], Is.EqualTo("urn:ibm:params:oauth:grant-type:cr-token"));
            Assert.That(form["cr_token"], Is.EqualTo("projected-sa-token"));
            Assert.That(form["profile_crn"], Does.EndWith("profile:Profile-1"));
        }
    }

    /// <summary>go-sdk-core core/container_authenticator.go RequestToken: grant_type, cr_token, then profile_id or profile_name.</summary>
    [TestCase(TrustedProfileKind.Id, "Profile-1", "profile_id")]
    [TestCase(TrustedProfileKind.Crn, "crn:v1:bluemix:public:iam-identity::a/account-1::profile:Profile-1", "profile_crn")]
    [TestCase(TrustedProfileKind.Name, "builder", "profile_name")]
    public async Task The_cr_token_grant_sends_the_token_and_the_profile_and_never_an_account(TrustedProfileKind kind, string value, string field)
    {
        var http = new FakeHttp().AnswerToken("profile-token");
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        await iam.CrTokenAsync(new Secret("projected-sa-token"), new TrustedProfile(kind, value, "account-1"), deadline);

        Assert.That(http.Requests.Single().Form, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ibm:params:oauth:grant-type:cr-token",
            ["cr_token"] = "projected-sa-token",
            [field] = value,
        }));
    }

    /// <summary>go-sdk-core core/iam_assume_authenticator.go RequestToken: profile_name goes with account, and only there.</summary>
    [TestCase(TrustedProfileKind.Id, "Profile-1", "profile_id")]
    [TestCase(TrustedProfileKind.Crn, "crn:v1:bluemix:public:iam-identity::a/account-1::profile:Profile-1", "profile_crn")]
    public async Task The_assume_grant_sends_an_account_only_beside_a_profile_name(TrustedProfileKind kind, string value, string field)
    {
        var http = new FakeHttp().AnswerToken("profile-token");
        using var deadline = Seconds(5);
        using var iam = http.Iam();
        var owner = new IamToken(new Secret("key-owner-token"), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(1));

        await iam.AssumeProfileAsync(owner, new TrustedProfile(kind, value, "account-1"), deadline);

        Assert.That(http.Requests.Single().Form, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ibm:params:oauth:grant-type:assume",
            ["access_token"] = "key-owner-token",
            [field] = value,
        }));
    }

    [Test]
    public void A_rejection_reports_IAMs_error_code_message_and_request_id_with_a_hint_but_never_the_key()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest,
            """{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found","context":{"requestId":"req-42"}}""");
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain("BXNIM0415E").And.Contain("Provided API key could not be found").And.Contain("req-42"));
            Assert.That(error.Message, Does.Contain("IBMTP_API_KEY"), "hint");
            Assert.That(error.Message, Does.Not.Contain(ApiKey.Value));
            Assert.That(error.Message, Does.Not.Contain("\n"));
            Assert.That(http.Requests, Has.Count.EqualTo(1), "rejections are not retried");
        }
    }

    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.MethodNotAllowed)]
    public void An_address_without_IAMs_token_endpoint_is_told_to_check_the_IAM_URL_not_the_key(HttpStatusCode status)
    {
        var http = new FakeHttp().Answer(status, "", response => response.Content = new StringContent("<html><body>Not here</body></html>", null, "text/html"));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.EndWith("; check IBMTP_IAM_URL (iamUrl in the config file): https://iam.test.example/identity/token is not IAM's token endpoint"));
        Assert.That(error.Message, Does.Not.Contain("IBMTP_API_KEY"));
    }

    [Test]
    public void A_profile_grant_sent_to_an_address_without_IAMs_token_endpoint_is_told_to_check_the_IAM_URL_not_the_profile()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.NotFound, "");
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.CrTokenAsync(new Secret("projected-sa-token"), Profile, deadline));

        Assert.That(error!.Message, Does.Contain("check IBMTP_IAM_URL").And.Not.Contain("trusts this compute resource"));
    }

    [Test]
    public async Task Server_errors_and_refused_connections_are_retried_until_IAM_answers()
    {
        var http = new FakeHttp()
            .Answer(HttpStatusCode.ServiceUnavailable, "{}")
            .RefuseConnection()
            .AnswerToken("finally");
        using var deadline = Seconds(10);
        using var iam = http.Iam();

        var token = await iam.ApiKeyTokenAsync(ApiKey, deadline);

        Assert.That(token.AccessToken.Value, Is.EqualTo("finally"));
        Assert.That(http.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Throttling_is_retried_after_the_Retry_After_the_server_asks_for()
    {
        var http = new FakeHttp()
            .Answer(HttpStatusCode.TooManyRequests, "{}", response => response.Headers.Add("Retry-After", "1"))
            .AnswerToken("after-waiting");
        var clock = new FastForwardClock(Start);
        using var deadline = new Deadline(TimeSpan.FromSeconds(10), clock);
        using var iam = http.Iam(clock);

        var token = await iam.ApiKeyTokenAsync(ApiKey, deadline);

        Assert.That(token.AccessToken.Value, Is.EqualTo("after-waiting"));
        Assert.That(clock.GetUtcNow() - Start, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void Persistent_throttling_ends_with_an_unavailable_error_within_the_deadline()
    {
        var http = new FakeHttp();
        for (var i = 0; i < 100; i++)
            http.Answer(HttpStatusCode.TooManyRequests, "{}");
        var clock = new FastForwardClock(Start);
        using var deadline = new Deadline(TimeSpan.FromSeconds(2), clock);
        using var iam = http.Iam(clock);

        var error = Assert.ThrowsAsync<IamUnavailableException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(clock.GetUtcNow() - Start, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(error.Message, Does.Contain("HTTP 429").And.Contain("IBMTP_TIMEOUT"));
        Assert.That(http.Requests, Has.Count.GreaterThan(1));
    }

    [Test]
    public void A_deadline_that_strikes_while_IAM_has_not_answered_says_so_and_how_to_wait_longer()
    {
        var clock = new FastForwardClock(Start);
        using var deadline = new Deadline(TimeSpan.FromSeconds(2), clock);
        var http = new FakeHttp().NeverAnswer(arrived: () => clock.Advance(TimeSpan.FromSeconds(2)));
        using var iam = http.Iam(clock);

        var error = Assert.ThrowsAsync<IamUnavailableException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error.Message, Is.EqualTo("IAM at https://iam.test.example/ is unavailable: no answer before the deadline after 1 attempt in 2 s (deadline 2 s); try again later, or raise IBMTP_TIMEOUT"));
    }

    [Test]
    public void An_untrusted_certificate_fails_at_once_saying_why_and_is_not_retried()
    {
        var http = new FakeHttp().FailCertificateCheck().AnswerToken("never-reached");
        using var deadline = Seconds(10);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<HelperException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error, Is.Not.InstanceOf<IamUnavailableException>(), "a stale token must not paper over it");
        Assert.That(error!.Message, Does.Contain("TLS connection is not trusted").And.Contain("UntrustedRoot").And.Contain("iam.test.example"));
        Assert.That(http.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Every_token_IAM_hands_out_is_known_to_the_redactor_at_once()
    {
        var http = new FakeHttp().AnswerToken("plain-token-not-a-jwt");
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        await iam.ApiKeyTokenAsync(ApiKey, deadline);

        Assert.That(SecretRedactor.Redact("IAM said: plain-token-not-a-jwt"), Does.Not.Contain("plain-token-not-a-jwt"));
    }

    [Test]
    public void A_redirect_is_not_followed_so_the_key_never_travels_to_another_address()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.TemporaryRedirect, "", response => response.Headers.Location = new Uri("http://elsewhere.example/identity/token"));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<HelperException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.Contain("redirect").And.Contain("elsewhere.example"));
        Assert.That(http.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_Retry_After_of_zero_still_backs_off()
    {
        var http = new FakeHttp();
        for (var i = 0; i < 3; i++)
            http.Answer(HttpStatusCode.TooManyRequests, "{}", response => response.Headers.Add("Retry-After", "0"));
        http.AnswerToken("after-backing-off");
        using var deadline = Seconds(10);
        using var iam = http.Iam();
        var clock = Stopwatch.StartNew();

        await iam.ApiKeyTokenAsync(ApiKey, deadline);

        // Back-off with equal jitter waits at least half of 200, 400 and 800 ms.
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(650)));
    }
}
