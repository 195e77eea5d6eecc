using System.Net;
using System.Text;
using System.Text.Json;
using Ibmtp.CloudIdentity;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Iam;

/// <summary>
/// An error keeps the server's own words: IAM's errorDetails, a proxy's or gateway's plain text or HTML,
/// the VPC API's errors; on one line, short, and redacted like every other message. The bodies are IBM's
/// (tests/fixtures/ibm-sdk, with SOURCES.md).
/// </summary>
[TestFixture]
public sealed class ServerWordsTests
{
    private static readonly Secret ApiKey = new("server-words-api-key-0123456789abcdef");
    private static readonly Secret CrToken = new("server-words-cr-token-0123456789abcdef");
    private static readonly TrustedProfile Profile = new(TrustedProfileKind.Id, "Profile-11111111-2222-3333-4444-555555555555");

    private static string Fixture(string name) => File.ReadAllText(RepositoryFiles.Path("tests", "fixtures", "ibm-sdk", name));

    private static Deadline Seconds(double seconds) => new(TimeSpan.FromSeconds(seconds), TimeProvider.System);

    private static Action<HttpResponseMessage> As(string mediaType, string body) =>
        response => response.Content = new StringContent(body, Encoding.UTF8, mediaType);

    [Test]
    public void IAMs_error_details_join_its_message_so_a_refused_trust_says_which_token_and_profile()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, Fixture("issue-iam-error-BXNIM0398E.json"));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.CrTokenAsync(CrToken, Profile, deadline));

        Assert.That(error!.Message, Does.StartWith(
            "IAM rejected the cr-token grant (HTTP 400): BXNIM0398E Selected trusted profile not eligible. " +
            "The given token with identifier 'tok2iks1:confidential-containers-system:cloud-api-adaptor:cloud-api-adaptor-daemonset-4mwtc' " +
            "is not permitted to assume the indicated trusted profile; profile ID 'iam-Profile-265 (request id a1b2c3d4e5f60718293a4b5c6d7e8f90); "));
    }

    [Test]
    public void An_IAM_error_without_details_reads_as_before()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, Fixture("python-iam-error-BXNIM0415E.json"));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.StartWith(
            "IAM rejected the apikey grant (HTTP 400): BXNIM0415E Provided API key could not be found (request id 38a0e9c226d94764820d92aa623eb0f6); "));
    }

    public static IEnumerable<TestCaseData> GoSdkTextErrors()
    {
        using var fixtures = JsonDocument.Parse(Fixture("go-text-errors.json"));
        foreach (var entry in fixtures.RootElement.EnumerateObject().Where(entry => !entry.Name.StartsWith("vpc", StringComparison.Ordinal)))
        {
            var status = int.Parse(entry.Name[(entry.Name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            yield return new TestCaseData(entry.Name[..entry.Name.LastIndexOf('-')], status, entry.Value.GetProperty("body").GetString()).SetArgDisplayNames(entry.Name);
        }
    }

    [TestCaseSource(nameof(GoSdkTextErrors))]
    public void A_plain_text_answer_from_a_proxy_or_gateway_is_quoted(string grant, int status, string body)
    {
        var http = new FakeHttp();
        // A server error is retried until the deadline, then reported with the last answer's words.
        for (var i = 0; i < (status >= 500 ? 100 : 1); i++)
            http.Answer((HttpStatusCode)status, "", As("text/plain", body));
        var clock = new FastForwardClock(DateTimeOffset.UnixEpoch);
        using var deadline = new Deadline(TimeSpan.FromSeconds(2), clock);
        using var iam = http.Iam(clock);
        var owner = new IamToken(new Secret("server-words-owner-token"), clock.GetUtcNow(), clock.GetUtcNow().AddHours(1));
        Func<Task> call = grant switch
        {
            "cr-token" => () => iam.CrTokenAsync(CrToken, Profile, deadline),
            "assume" => () => iam.AssumeProfileAsync(owner, Profile, deadline),
            _ => () => iam.ApiKeyTokenAsync(ApiKey, deadline),
        };

        var error = Assert.ThrowsAsync(Is.InstanceOf<HelperException>(), () => call());

        Assert.That(error!.Message, Does.Contain($"HTTP {status}").And.Contain(body));
        Assert.That(error.Message, Does.Not.Contain("no error code").And.Not.Contain("  "));
    }

    [Test]
    public void An_HTML_page_is_quoted_without_its_tags_head_scripts_or_runs_of_spaces()
    {
        const string page = """
            <!DOCTYPE html>
            <html><head><title>403 Forbidden</title><style>body { color: red }</style></head>
            <body><script>var x = "<b>";</script><!-- proxy-7 -->
              <h1>Forbidden</h1>
              <p>The   proxy refused &quot;iam.cloud.ibm.com&quot; &amp; said so.</p>
            </body></html>
            """;
        var http = new FakeHttp().Answer(HttpStatusCode.Forbidden, "", As("text/html", page));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.StartWith("IAM rejected the apikey grant (HTTP 403): Forbidden The proxy refused \"iam.cloud.ibm.com\" & said so. (request id none); "));
    }

    [Test]
    public void A_secret_a_proxy_echoes_in_its_error_is_blanked()
    {
        const string echoedJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJlY2hvZWQifQ.c2lnbmF0dXJl";
        var body = $"<html><body>Bad request: apikey={ApiKey.Value}&amp;cr_token={CrToken.Value} Authorization: Bearer {echoedJwt}</body></html>";
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, "", As("text/html", body));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.Contain("Bad request: apikey=[REDACTED]"));
        Assert.That(error.Message, Does.Not.Contain(ApiKey.Value).And.Not.Contain(CrToken.Value).And.Not.Contain("eyJ"));
    }

    [Test]
    public void A_long_body_is_cut_to_a_short_excerpt_on_one_line()
    {
        var body = "Service refused\r\n\tbecause " + string.Concat(Enumerable.Repeat("the gateway said so ", 5_000));
        var http = new FakeHttp().Answer(HttpStatusCode.Forbidden, "", As("text/plain", body));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.Contain("Service refused because the gateway said so").And.Contain("characters in all"));
        Assert.That(error.Message, Has.Length.LessThan(600).And.Not.Contain("\n").And.Not.Contain("\t"));
    }

    [Test]
    public void A_body_with_no_words_falls_back_to_the_status()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.Forbidden, "", As("text/html", "<html><head><title>x</title></head><body> </body></html>"));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.StartWith("IAM rejected the apikey grant (HTTP 403): Forbidden (request id none); "));
    }

    [Test]
    public void A_VPC_error_of_another_shape_is_quoted_with_no_double_space()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, Fixture("python-vpc-error-ooops.json"));
        using var deadline = Seconds(5);
        using var metadata = http.Metadata();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => metadata.TrustedProfileTokenAsync(null, deadline));

        Assert.That(error!.Message, Does.Contain("(HTTP 400): {\"errors\": [\"Ooops\"]} (trace none); "));
        Assert.That(error.Message, Does.Not.Contain("  "));
    }

    [TestCase("""{"errors":[{"code":"bad_request"}],"trace":"t-1"}""", "(HTTP 400): bad_request (trace t-1); ")]
    [TestCase("""{"errors":[{"message":"The version is invalid."}],"trace":"t-1"}""", "(HTTP 400): The version is invalid. (trace t-1); ")]
    public void A_VPC_error_missing_its_code_or_message_leaves_no_double_space(string body, string expected)
    {
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, body);
        using var deadline = Seconds(5);
        using var metadata = http.Metadata();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => metadata.TrustedProfileTokenAsync(null, deadline));

        Assert.That(error!.Message, Does.Contain(expected).And.Not.Contain("  "));
    }

    [Test]
    public void The_VPC_metadata_services_plain_text_refusal_is_quoted()
    {
        using var fixtures = JsonDocument.Parse(Fixture("go-text-errors.json"));
        var body = fixtures.RootElement.GetProperty("vpc-token-400").GetProperty("body").GetString()!;
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, "", As("text/plain", body));
        using var deadline = Seconds(5);
        using var metadata = http.Metadata();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => metadata.TrustedProfileTokenAsync(null, deadline));

        Assert.That(error!.Message, Does.Contain($"(HTTP 400): {body} (trace none); "));
    }
}
