using System.Buffers.Binary;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published helper against a token endpoint that misbehaves (<see cref="HostileIam"/>): whatever it
/// sends, `get` fails the protocol's way (exit 1, one line, no stack trace) within IBMTP_TIMEOUT, holds
/// little memory, prints and caches no token, never shows the API key, and never carries it to another
/// address. A token with a far-future expiry is handed out, but cached for at most four hours.
/// </summary>
[TestFixture]
public sealed class HostileIamTests
{
    private const string Registry = "us.icr.io";
    private const int TimeoutSeconds = 3;

    /// <summary>Process start, exit and this shared machine's scheduling, on top of the helper's own deadline.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1.5);

    /// <summary>The helper's 1 MiB body limit and its runtime fit well inside; a body read whole would not.</summary>
    private const double LargestPeakMegabytes = 100;

    private static readonly TimeSpan CappedLifetime = TimeSpan.FromHours(4);

    private readonly string apiKey = FakeCredentials.NewApiKey();
    private readonly string accessToken = $"hostile-token-{Guid.NewGuid():N}";
    private TestHome home = null!;

    private string CacheFolder => Path.Combine(home.Environment["XDG_CACHE_HOME"], "ibmtp");

    [SetUp]
    public void CreateHome() => home = new TestHome();

    [TearDown]
    public void RemoveHome() => home.Dispose();

    public static IEnumerable<TestCaseData> Misbehaviours()
    {
        TestCaseData Case(string name, Func<string, HostileAnswer> answer, string expected) =>
            new TestCaseData(answer, expected).SetArgDisplayNames(name);

        yield return Case("huge body", _ => HostileAnswers.Huge(), "larger than 1024 KiB");
        yield return Case("endless body", _ => HostileAnswers.Endless(), "larger than 1024 KiB");
        yield return Case("gzip bomb", _ => HostileAnswers.GzipBombAnswer(), "larger than 1024 KiB");
        yield return Case("truncated body", _ => HostileAnswers.Truncated(), "unavailable");
        yield return Case("truncated chunked body", _ => HostileAnswers.TruncatedChunked(), "unavailable");
        yield return Case("connection reset", _ => HostileAnswers.Reset(), "unavailable");
        yield return Case("reset mid-body", _ => HostileAnswers.ResetMidBody(), "unavailable");
        yield return Case("slow body", token => HostileAnswers.Drip($$"""{"access_token":"{{token}}","expires_in":3600}""", TimeSpan.FromMilliseconds(200)), "unavailable");
        yield return Case("HTML instead of JSON", _ => HostileAnswers.Status(200, "<html><body>Welcome to nginx!</body></html>", "Content-Type: text/html"), "not a token response");
        yield return Case("HTML error page", _ => HostileAnswers.Status(502, "<html><body>Bad Gateway</body></html>", "Content-Type: text/html"), "HTTP 502");
        yield return Case("no access_token", _ => HostileAnswers.Json("""{"expires_in":3600,"token_type":"Bearer"}"""), "without");
        yield return Case("empty object", _ => HostileAnswers.Json("{}"), "without");
        yield return Case("access_token a number", _ => HostileAnswers.Json("""{"access_token":12345,"expires_in":3600}"""), "not a token response");
        yield return Case("expires_in a string", token => HostileAnswers.Token(token, "\"expires_in\":\"3600\""), "not a token response");
        yield return Case("no expiry", token => HostileAnswers.Token(token, ""), "no lifetime");
        yield return Case("zero expiry", token => HostileAnswers.Token(token, "\"expires_in\":0"), "a token too short to use: 0 seconds");
        yield return Case("negative expiry", token => HostileAnswers.Token(token, "\"expires_in\":-3600"), "a token too short to use: -3600 seconds");
        yield return Case("expiry in the past", token => HostileAnswers.Token(token, "\"expiration\":1000000000"), "already over or within seconds of it; check this machine's clock");
        yield return Case("429 Retry-After 999999999", _ => HostileAnswers.Status(429, "", "Retry-After: 999999999"), "unavailable");
        yield return Case("503 Retry-After 999999999", _ => HostileAnswers.Status(503, "", "Retry-After: 999999999"), "unavailable");
        yield return Case("Retry-After in year 9999", _ => HostileAnswers.Status(503, "", "Retry-After: Fri, 31 Dec 9999 23:59:59 GMT"), "unavailable");
        yield return Case("Retry-After beyond a long", _ => HostileAnswers.Status(429, "", "Retry-After: 99999999999999999999"), "unavailable");
    }

    [TestCaseSource(nameof(Misbehaviours))]
    public async Task Token_mode_fails_cleanly_within_the_deadline(Func<string, HostileAnswer> answer, string expected)
    {
        await using var iam = new HostileIam(answer(accessToken));
        UseTokenMode(iam);

        var get = await MeasuredGet.RunAsync(home, Registry);

        var line = AssertFailedCleanly(get);
        // A refused lifetime is reported by the token exchange, the rest by the IAM client.
        Assert.That(line, Does.Contain(expected), get.ToString());
        Assert.That(line, Does.Contain("IAM").Or.Contain("token exchange"), get.ToString());
        Assert.That(iam.Requests, Is.Not.Empty.And.All.Contain("apikey="), "the key went to the configured IAM, and only there");
    }

    public static IEnumerable<TestCaseData> MetadataMisbehaviours()
    {
        TestCaseData Case(string name, HostileAnswer answer, string expected) => new TestCaseData(answer, expected).SetArgDisplayNames(name);

        yield return Case("endless body", HostileAnswers.Endless(), "larger than 1024 KiB");
        yield return Case("gzip bomb", HostileAnswers.GzipBombAnswer(), "larger than 1024 KiB");
        yield return Case("connection reset", HostileAnswers.Reset(), "unavailable");
        yield return Case("slow body", HostileAnswers.Drip("""{"access_token":"instance-identity"}""", TimeSpan.FromMilliseconds(200)), "unavailable");
        yield return Case("HTML instead of JSON", HostileAnswers.Status(200, "<html></html>", "Content-Type: text/html"), "without an instance identity token");
        yield return Case("503 Retry-After 999999999", HostileAnswers.Status(503, "", "Retry-After: 999999999"), "unavailable");
    }

    [TestCaseSource(nameof(MetadataMisbehaviours))]
    public async Task VPC_mode_fails_cleanly_within_the_deadline(HostileAnswer answer, string expected)
    {
        await using var metadata = new HostileIam(answer);
        UseVpcMode(metadata);

        var get = await MeasuredGet.RunAsync(home, Registry);

        var line = AssertFailedCleanly(get);
        Assert.That(line, Does.Contain("metadata service").And.Contain(expected), get.ToString());
    }

    [TestCase(301)]
    [TestCase(302)]
    [TestCase(303)]
    [TestCase(307)]
    [TestCase(308)]
    public async Task A_redirect_is_not_followed_with_the_API_key(int status)
    {
        await using var elsewhere = new HostileIam(HostileAnswers.Token(accessToken, "\"expires_in\":3600"));
        await using var iam = new HostileIam(HostileAnswers.Redirect(status, elsewhere.BaseUrl));
        UseTokenMode(iam);

        var get = await MeasuredGet.RunAsync(home, Registry);

        var line = AssertFailedCleanly(get);
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("redirect").And.Contain($"HTTP {status}").And.Contain(elsewhere.BaseUrl.Authority));
            Assert.That(elsewhere.Requests, Is.Empty, "nothing, the API key least of all, reaches the redirect's target");
            Assert.That(iam.Requests, Has.Count.EqualTo(1), "a redirect is final: no retry");
        });
    }

    [Test]
    public async Task A_metadata_redirect_is_not_followed()
    {
        await using var elsewhere = new HostileIam(HostileAnswers.Token(accessToken, "\"expires_in\":3600"));
        await using var metadata = new HostileIam(HostileAnswers.Redirect(307, elsewhere.BaseUrl));
        UseVpcMode(metadata);

        var line = AssertFailedCleanly(await MeasuredGet.RunAsync(home, Registry));

        Assert.That(line, Does.Contain("metadata service").And.Contain("redirect"));
        Assert.That(elsewhere.Requests, Is.Empty);
    }

    public static IEnumerable<TestCaseData> FarFutureExpiries()
    {
        yield return new TestCaseData("token", "\"expires_in\":9223372036854775807").SetArgDisplayNames("token, expires_in long.MaxValue");
        yield return new TestCaseData("token", "\"expires_in\":315360000").SetArgDisplayNames("token, expires_in ten years");
        yield return new TestCaseData("token", "\"expiration\":253402300799").SetArgDisplayNames("token, expiration in year 9999");
        yield return new TestCaseData("vpc", "\"expires_at\":\"9999-12-31T23:59:59Z\"").SetArgDisplayNames("vpc, expires_at in year 9999");
        yield return new TestCaseData("vpc", "\"expires_in\":9223372036854775807").SetArgDisplayNames("vpc, expires_in long.MaxValue");
    }

    [TestCaseSource(nameof(FarFutureExpiries))]
    public async Task A_far_future_expiry_is_handed_out_but_cached_for_four_hours_at_most(string mode, string lifetime)
    {
        await using var server = new HostileIam(HostileAnswers.Token(accessToken, lifetime));
        if (mode == "vpc")
        {
            UseVpcMode(server);
        }
        else
        {
            UseTokenMode(server);
        }

        var before = DateTimeOffset.UtcNow;
        var get = await MeasuredGet.RunAsync(home, Registry);

        var (_, username, secret) = HelperOutput.Credentials(get.Result);
        var entries = Directory.Exists(CacheFolder) ? Directory.GetFiles(CacheFolder, "*.token") : [];
        Assert.Multiple(() =>
        {
            Assert.That(username, Is.EqualTo("iambearer"));
            Assert.That(secret, Is.EqualTo(accessToken));
            Assert.That(entries, Has.Length.EqualTo(1), "the token is cached");
        });
        // The entry's expiry is in clear after its format byte, so that pruning needs no key.
        var expires = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(entries[0]).AsSpan(1, sizeof(long))));
        Assert.That(expires, Is.InRange(before + CappedLifetime - TimeSpan.FromSeconds(5), DateTimeOffset.UtcNow + CappedLifetime + TimeSpan.FromSeconds(1)));
        Assert.That(home.FilesContainingSecret(apiKey), Is.Empty);
    }

    private void UseTokenMode(HostileIam iam) => Use(
        ("IBMTP_MODE", "token"), ("IBMTP_API_KEY", apiKey), ("IBMTP_IAM_URL", iam.BaseUrl.ToString()));

    private void UseVpcMode(HostileIam metadata) => Use(
        ("IBMTP_MODE", "vpc"), ("IBMTP_VPC_METADATA_URL", metadata.BaseUrl.ToString()));

    private void Use(params (string Name, string Value)[] variables)
    {
        home.Environment["IBMTP_TIMEOUT"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        home.Environment["IBMTP_LOG_LEVEL"] = "debug";
        foreach (var (name, value) in variables)
        {
            home.Environment[name] = value;
        }
    }

    /// <summary>The protocol's failure, in time and in little memory, with no token and no key anywhere. Returns the line.</summary>
    private string AssertFailedCleanly(MeasuredGet get)
    {
        var line = HelperOutput.AssertOneLineFailure(get.Result);
        TestContext.Out.WriteLine($"{TestContext.CurrentContext.Test.Name}: {get.Elapsed.TotalSeconds:0.00} s, peak RSS {get.PeakResidentMegabytes:0.0} MiB: {line}");
        var log = home.ReadLog();
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Not.Contain(HelperOutput.NotFound), "a broken IAM is not a missing login: docker must not go on anonymously");
            Assert.That(get.Elapsed, Is.LessThan(TimeSpan.FromSeconds(TimeoutSeconds) + Margin), get.ToString());
            Assert.That(get.PeakResidentMegabytes, Is.LessThan(LargestPeakMegabytes), get.ToString());
            Assert.That(get.Result.StandardOutput + get.Result.StandardError + log, Does.Not.Contain(apiKey));
            Assert.That(get.Result.StandardOutput, Does.Not.Contain(accessToken));
            Assert.That(log, Does.Not.Contain("   at ").And.Not.Contain("Exception:"), "no stack trace in the log either");
            Assert.That(home.FilesContainingSecret(apiKey), Is.Empty);
            Assert.That(home.FilesContainingSecret(accessToken), Is.Empty);
            Assert.That(Directory.Exists(CacheFolder) ? Directory.GetFiles(CacheFolder, "*.token") : [], Is.Empty, "nothing cached");
        });
        return line;
    }
}
