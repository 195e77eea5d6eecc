using System.Net;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace Ibmtp.Tests.Iam;

/// <summary>IAM and the VPC metadata service state a token's lifetime in different fields; both clients read them the same way.</summary>
[TestFixture]
public class TokenLifetimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly object[] Bodies =
    [
        new object[] { """{"access_token":"lifetime-token","expires_in":1200,"expiration":1,"expires_at":"2000-01-01T00:00:00Z"}""", Now.AddSeconds(1200) },
        new object[] { $$"""{"access_token":"lifetime-token","expiration":{{Now.AddMinutes(30).ToUnixTimeSeconds()}}}""", Now.AddMinutes(30) },
        new object[] { """{"access_token":"lifetime-token","expires_at":"2026-12-01T08:45:00Z"}""", Now.AddMinutes(45) },
        new object[] { """{"access_token":"lifetime-token","expiration":32503680000}""", Now.AddHours(4) },
        new object[] { """{"access_token":"lifetime-token","expires_in":99999999}""", Now.AddHours(4) },
        new object[] { """{"access_token":"lifetime-token","expires_in":9223372036854775807}""", Now.AddHours(4) },
    ];

    [TestCaseSource(nameof(Bodies))]
    public async Task IAM_tokens_last_expires_in_else_until_expiration_or_expires_at_and_never_over_four_hours(string body, DateTimeOffset expiresAt)
    {
        var http = new FakeHttp().Answer(HttpStatusCode.OK, body);
        using var deadline = new Deadline(TimeSpan.FromSeconds(5), TimeProvider.System);
        using var iam = http.Iam(new FakeTimeProvider(Now));

        var token = await iam.ApiKeyTokenAsync(new("lifetime-api-key"), deadline);

        Assert.That(token.ExpiresAt, Is.EqualTo(expiresAt));
    }

    [Test]
    public void A_token_that_states_no_lifetime_is_refused_as_such()
    {
        const string body = """{"access_token":"lifetime-token","token_type":"Bearer"}""";
        using var deadline = new Deadline(TimeSpan.FromSeconds(5), TimeProvider.System);
        using var iam = new FakeHttp().Answer(HttpStatusCode.OK, body).Iam();
        using var metadata = new FakeHttp().AnswerToken("instance-identity").Answer(HttpStatusCode.OK, body).Metadata();

        var iamError = Assert.ThrowsAsync<IamUnavailableException>(() => iam.ApiKeyTokenAsync(new("lifetime-api-key"), deadline));
        var metadataError = Assert.ThrowsAsync<IamUnavailableException>(() => metadata.TrustedProfileTokenAsync(null, deadline));

        Assert.That(iamError!.Message, Does.StartWith("IAM at").And.Contain("no lifetime"));
        Assert.That(metadataError!.Message, Does.StartWith("the VPC metadata service at").And.Contain("no lifetime"));
    }

    [TestCaseSource(nameof(Bodies))]
    public async Task VPC_tokens_last_expires_in_else_until_expiration_or_expires_at_and_never_over_four_hours(string body, DateTimeOffset expiresAt)
    {
        var http = new FakeHttp().AnswerToken("instance-identity").Answer(HttpStatusCode.OK, body);
        using var deadline = new Deadline(TimeSpan.FromSeconds(5), TimeProvider.System);
        using var metadata = http.Metadata(new FakeTimeProvider(Now));

        var token = await metadata.TrustedProfileTokenAsync(null, deadline);

        Assert.That(token.ExpiresAt, Is.EqualTo(expiresAt));
    }

    [TestCase("""{"access_token":"lifetime-token","expires_in":10}""", 10)]
    [TestCase("""{"access_token":"lifetime-token","expires_in":0,"expiration":99999999999}""", 0)]
    [TestCase("""{"access_token":"lifetime-token","expires_in":-60}""", -60)]
    public void A_token_granted_for_ten_seconds_or_less_is_refused_as_too_short_not_blamed_on_the_clock(string body, int seconds)
    {
        using var deadline = new Deadline(TimeSpan.FromSeconds(5), TimeProvider.System);
        using var iam = new FakeHttp().Answer(HttpStatusCode.OK, body).Iam(new FakeTimeProvider(Now));
        using var metadata = new FakeHttp().AnswerToken("instance-identity").Answer(HttpStatusCode.OK, body).Metadata(new FakeTimeProvider(Now));

        var iamError = Assert.ThrowsAsync<IamUnavailableException>(() => iam.ApiKeyTokenAsync(new("lifetime-api-key"), deadline));
        var metadataError = Assert.ThrowsAsync<IamUnavailableException>(() => metadata.TrustedProfileTokenAsync(null, deadline));

        var expected = $"with a token too short to use: {seconds} seconds, where a token is handed out only with more than 10 seconds left";
        Assert.That(iamError!.Message, Does.StartWith("IAM at").And.EndWith(expected).And.Not.Contain("clock"));
        Assert.That(metadataError!.Message, Does.StartWith("the VPC metadata service at").And.EndWith(expected).And.Not.Contain("clock"));
    }

    [Test]
    public async Task A_token_granted_for_eleven_seconds_is_handed_out()
    {
        using var deadline = new Deadline(TimeSpan.FromSeconds(5), TimeProvider.System);
        using var iam = new FakeHttp().Answer(HttpStatusCode.OK, """{"access_token":"lifetime-token","expires_in":11}""").Iam(new FakeTimeProvider(Now));

        var token = await iam.ApiKeyTokenAsync(new("lifetime-api-key"), deadline);

        Assert.That(token.ExpiresAt, Is.EqualTo(Now.AddSeconds(11)));
    }

    [Test]
    public void A_token_whose_stated_expiration_is_over_by_this_machines_clock_points_to_the_clock()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.OK, $$"""{"access_token":"lifetime-token","expiration":{{Now.AddHours(-1).ToUnixTimeSeconds()}}}""");

        var error = Assert.Throws<IamUnavailableException>(() => TokenThrough(http));

        Assert.That(error!.Message, Does.EndWith("check this machine's clock").And.Not.Contain("too short"));
    }

    [Test]
    public void An_expiration_over_by_this_machines_clock_is_no_fault_beside_a_sane_expires_in()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.OK, $$"""{"access_token":"lifetime-token","expires_in":3600,"expiration":{{Now.AddHours(-1).ToUnixTimeSeconds()}}}""");

        Assert.That(TokenThrough(http).ExpiresAt, Is.EqualTo(Now.AddHours(1)));
    }

    /// <summary>A token fetched as <c>get</c> fetches it: through the token service, which refuses a token it cannot hand out.</summary>
    private static IamToken TokenThrough(FakeHttp http)
    {
        var clock = new FakeTimeProvider(Now);
        var exchange = new ApiKeyExchange(() => http.Iam(clock), FakeHttp.BaseUrl, new("lifetime-api-key"), null);
        return new TokenService(NullTokenCache.Instance, TimeSpan.FromSeconds(5), clock, _ => { }).Get(exchange);
    }
}
