using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// IAM in trouble: transient errors retried, Retry-After honoured, persistent trouble ended within
/// IBMTP_TIMEOUT, a cached token served through an outage, and rejections reported with IAM's own words.
/// Tests that leave failures queued use an emulator of their own, so no queued failure reaches another test.
/// </summary>
[TestFixture]
public sealed class IamFailureTests : IamEmulatorFixture
{
    private const string RequestIdPattern = @"request id [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    [Test]
    public async Task Server_errors_are_retried_until_IAM_answers()
    {
        UseTokenMode();
        Iam.FailNext(503, 2);

        var token = await GetBearerTokenAsync();

        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.BuilderServiceId));
        Assert.That(IamCalls.Of(Iam), Is.EqualTo(new IamCalls(ApiKey: 3, TokenRequests: 3)));
    }

    [Test]
    public async Task Retry_after_is_honoured()
    {
        UseTokenMode(IamWorld.Builder.Id);
        Iam.FailNext(429, 1, retryAfter: TimeSpan.FromSeconds(2));

        var (token, elapsed) = await TimedAsync(GetBearerTokenAsync);

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            // The helper's own first back-off is a fraction of a second; only Retry-After makes it wait 2 s.
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)).And.LessThan(TimeSpan.FromSeconds(6)));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(new IamCalls(ApiKey: 2, Assume: 1, TokenRequests: 3)));
        });
    }

    [Test]
    public async Task Persistent_throttling_ends_within_the_deadline()
    {
        var (iam, world) = await UseOwnEmulatorAsync(timeoutSeconds: "3");
        await using var _ = iam;
        iam.FailNext(429, 1000);

        var (get, elapsed) = await TimedAsync(GetAsync);

        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.Multiple(() =>
        {
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(3.5)), get.ToString());
            Assert.That(line, Does.Contain("IAM").And.Contain("unavailable").And.Contain("429"));
            Assert.That(line, Does.Not.Contain(HelperOutput.NotFound));
            Assert.That(line, Does.Not.Contain(world.BuilderApiKey));
            Assert.That(iam.RequestCount(GrantTypes.ApiKey), Is.GreaterThanOrEqualTo(3), "429 must be retried while time is left");
            Assert.That(iam.RequestCount(GrantTypes.Assume), Is.Zero);
        });
    }

    [Test]
    public async Task A_retry_after_beyond_the_deadline_ends_the_call_at_once()
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(("IBMTP_TIMEOUT", "3"));
        Iam.FailNext(429, 1, retryAfter: TimeSpan.FromSeconds(60));

        var (get, elapsed) = await TimedAsync(GetAsync);

        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.Multiple(() =>
        {
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(3.5)), get.ToString());
            Assert.That(line, Does.Contain("IAM").And.Contain("unavailable"));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(new IamCalls(ApiKey: 1, TokenRequests: 1)));
        });
    }

    [Test]
    public async Task An_IAM_that_does_not_answer_is_abandoned_at_the_deadline()
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(("IBMTP_TIMEOUT", "2"));
        Iam.Delay = TimeSpan.FromSeconds(30);

        var (get, elapsed) = await TimedAsync(GetAsync);

        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.Multiple(() =>
        {
            // IAM would answer after 30 s; the helper must be gone soon after its 2 s deadline.
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), get.ToString());
            Assert.That(line, Does.Contain("IAM").And.Contain("unavailable"));
            Assert.That(line, Does.Not.Contain(HelperOutput.NotFound));
        });
    }

    [Test]
    public async Task An_IAM_that_refuses_connections_is_retried_until_the_deadline()
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(("IBMTP_TIMEOUT", "2"), ("IBMTP_IAM_URL", $"http://127.0.0.1:{FreePort.Probe()}"));

        var (get, elapsed) = await TimedAsync(GetAsync);

        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.Multiple(() =>
        {
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(2.5)), get.ToString());
            Assert.That(line, Does.Contain("IAM").And.Contain("unavailable"));
            // Nothing listens, so only the helper's debug log can tell that it tried again.
            Assert.That(Home.ReadLog(), Does.Contain("attempt 2 got"), "a refused connection must be retried while time is left");
        });
    }

    /// <summary>
    /// With a 100 s lifetime, a token 85 s old is past its renewal point but still valid, and one 95 s old
    /// is inside the 10 s margin. The cached token is aged instead of waiting, to those ages less the
    /// IBMTP_TIMEOUT each get spends trying IAM before it judges the token.
    /// </summary>
    [Test]
    public async Task During_an_outage_a_still_valid_cached_token_is_served_with_a_warning()
    {
        var tryingIam = TimeSpan.FromSeconds(2);
        var (iam, world) = await UseOwnEmulatorAsync(timeoutSeconds: $"{tryingIam.TotalSeconds}");
        await using var _ = iam;
        iam.TokenLifetime = TimeSpan.FromSeconds(100);
        var (_, cached) = CredentialsAllowingWarnings(await GetAsync());
        iam.FailNext(503, 1000);
        iam.Reset();

        CachedTokens.AgeTo(Home, TimeSpan.FromSeconds(85) - tryingIam);
        var stale = await GetAsync();
        var callsDuringStale = IamCalls.Of(iam);
        CachedTokens.AgeTo(Home, TimeSpan.FromSeconds(95) - tryingIam);
        var nearExpiry = await GetAsync();

        var (username, secret) = CredentialsAllowingWarnings(stale);
        var warning = stale.StandardError.TrimEnd('\n');
        var failure = HelperOutput.AssertOneLineFailure(nearExpiry);
        Assert.Multiple(() =>
        {
            Assert.That(username, Is.EqualTo(BearerUsername));
            Assert.That(secret, Is.EqualTo(cached), "the cached token stands in while IAM is down");
            Assert.That(callsDuringStale.ApiKey, Is.GreaterThanOrEqualTo(1), "IAM must have been tried first");
            Assert.That(warning, Does.StartWith("docker-credential-ibmtp: warning:").And.Contain("IAM").And.Contain("cached token"));
            Assert.That(warning, Does.Not.Contain("\n"), "one warning line");
            Assert.That(warning, Does.Not.Contain(cached).And.Not.Contain(world.BuilderApiKey));
            Assert.That(failure, Does.Contain("IAM").And.Contain("unavailable"), "a token within 10 s of expiry is not handed out, even during an outage");
            Assert.That(failure, Does.Not.Contain(cached));
        });
    }

    public static IEnumerable<TestCaseData> Rejections()
    {
        yield return new TestCaseData("wrong API key", "BXNIM0415E", "Provided API key could not be found", "IBMTP_API_KEY")
            .SetArgDisplayNames("wrong API key");
        yield return new TestCaseData("unknown profile", "BXNIM0513E", "Profile not found", IamWorld.UnknownProfileId)
            .SetArgDisplayNames("unknown profile");
        yield return new TestCaseData("profile trusting nobody", "BXNIM0538E", "not trusted", "trusts the service ID")
            .SetArgDisplayNames("untrusting profile");
        yield return new TestCaseData("service ID no profile trusts", "BXNIM0538E", "not trusted", "trusts the service ID")
            .SetArgDisplayNames("untrusted service ID");
        yield return new TestCaseData("wrong compute-resource token", "BXNIM0407E", "cr_token", "trusts this compute resource")
            .SetArgDisplayNames("wrong cr token");
    }

    [TestCaseSource(nameof(Rejections))]
    public async Task A_rejection_is_reported_with_iams_error_and_a_hint(string scenario, string errorCode, string errorMessage, string hint)
    {
        var wrongKey = FakeCredentials.NewApiKey();
        var wrongCrToken = "eyJhbGciOiJSUzI1NiJ9.d3Jvbmc." + Guid.NewGuid().ToString("N");
        IamCalls expectedCalls;
        switch (scenario)
        {
            case "wrong API key":
                UseTokenMode(IamWorld.Builder.Id, apiKey: wrongKey);
                expectedCalls = new IamCalls(ApiKey: 1, TokenRequests: 1);
                break;
            case "unknown profile":
                UseTokenMode(IamWorld.UnknownProfileId);
                expectedCalls = IamCalls.TokenExchanges(1);
                break;
            case "profile trusting nobody":
                UseTokenMode(IamWorld.Untrusting.Id);
                expectedCalls = IamCalls.TokenExchanges(1);
                break;
            case "service ID no profile trusts":
                UseTokenMode(IamWorld.Builder.Id, apiKey: World.StrangerApiKey);
                expectedCalls = IamCalls.TokenExchanges(1);
                break;
            default:
                Set(("IBMTP_MODE", "cr-token"), ("IBMTP_CR_TOKEN", wrongCrToken), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
                expectedCalls = IamCalls.CrTokenExchanges(1);
                break;
        }

        var get = await GetAsync();

        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain(errorCode));
            Assert.That(line, Does.Contain(errorMessage));
            Assert.That(line, Does.Match(RequestIdPattern));
            Assert.That(line, Does.Contain(hint));
            Assert.That(line, Does.Not.Contain(HelperOutput.NotFound));
            Assert.That(line, Does.Not.Contain(wrongKey).And.Not.Contain(World.BuilderApiKey).And.Not.Contain(World.StrangerApiKey));
            Assert.That(line, Does.Not.Contain(wrongCrToken).And.Not.Contain("eyJ"), "no token of any kind in the message");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(expectedCalls), "a rejection is final: no retry");
            Assert.That(Home.FilesContainingSecret(wrongKey), Is.Empty);
            Assert.That(Home.FilesContainingSecret(World.StrangerApiKey), Is.Empty);
            Assert.That(Home.FilesContainingSecret(wrongCrToken), Is.Empty);
        });
    }

    public static IEnumerable<TestCaseData> VpcRejections()
    {
        yield return new TestCaseData(IamWorld.Untrusting.Id, "forbidden", "does not trust this instance").SetArgDisplayNames("untrusting profile");
        yield return new TestCaseData(IamWorld.UnknownProfileId, "trusted_profile_not_found", "The trusted profile was not found").SetArgDisplayNames("unknown profile");
        yield return new TestCaseData(null, "bad_request", "has no default trusted profile").SetArgDisplayNames("no default profile");
    }

    /// <summary>
    /// The metadata service answers in the VPC APIs' error shape (<c>errors[].code</c>, <c>errors[].message</c>,
    /// <c>trace</c>), not IAM's; the user needs its reason as much as IAM's.
    /// </summary>
    [TestCaseSource(nameof(VpcRejections))]
    public async Task A_metadata_service_rejection_is_reported_with_its_error_and_a_hint(string? profileId, string code, string message)
    {
        Set(("IBMTP_MODE", "vpc"));
        if (profileId is null)
        {
            Iam.VpcDefaultProfileId = null;
        }
        else
        {
            Set(("IBMTP_PROFILE_ID", profileId));
        }

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("metadata service"));
            Assert.That(line, Does.Contain(code));
            Assert.That(line, Does.Contain(message));
            Assert.That(line, Does.Match(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "the trace ID, for IBM support");
            Assert.That(line, Does.Contain("trusted profile"));
            Assert.That(line, Does.Not.Contain(HelperOutput.NotFound).And.Not.Contain("eyJ"));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.VpcExchanges(1)), "a rejection is final: no retry");
        });
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "tests", "fixtures", "ibm-sdk", name));

    /// <summary>IAM's errorDetails is the whole diagnosis of a refused trust: which token may not assume which profile.</summary>
    [Test]
    public async Task IAMs_error_details_are_reported_with_its_message()
    {
        Set(("IBMTP_MODE", "cr-token"), ("IBMTP_CR_TOKEN", World.ComputeResourceToken), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
        Iam.FailNextWith(400, new InjectedBody(Fixture("issue-iam-error-BXNIM0398E.json"), "application/json"));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain(
                "(HTTP 400): BXNIM0398E Selected trusted profile not eligible. The given token with identifier " +
                "'tok2iks1:confidential-containers-system:cloud-api-adaptor:cloud-api-adaptor-daemonset-4mwtc' is not permitted to assume the indicated trusted profile"));
            Assert.That(line, Does.Contain("request id a1b2c3d4e5f60718293a4b5c6d7e8f90"));
            Assert.That(line, Does.Not.Contain(World.ComputeResourceToken));
        });
    }

    public static IEnumerable<TestCaseData> GoSdkTextErrors()
    {
        using var fixtures = System.Text.Json.JsonDocument.Parse(Fixture("go-text-errors.json"));
        foreach (var entry in fixtures.RootElement.EnumerateObject().Where(entry => !entry.Name.StartsWith("vpc", StringComparison.Ordinal)))
        {
            var status = int.Parse(entry.Name[(entry.Name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            yield return new TestCaseData(entry.Name.StartsWith("cr-token", StringComparison.Ordinal), status, entry.Value.GetProperty("body").GetString())
                .SetArgDisplayNames(entry.Name);
        }
    }

    /// <summary>A proxy or gateway in front of IAM answers in plain text (bodies from go-sdk-core's tests); its words are quoted.</summary>
    [TestCaseSource(nameof(GoSdkTextErrors))]
    public async Task A_plain_text_answer_from_a_proxy_or_gateway_is_quoted(bool crToken, int status, string body)
    {
        var (iam, world) = await UseOwnEmulatorAsync(timeoutSeconds: "2");
        await using var _ = iam;
        if (crToken)
        {
            Set(("IBMTP_MODE", "cr-token"), ("IBMTP_CR_TOKEN", world.ComputeResourceToken));
        }

        // A server error is retried until the deadline; every answer says the same.
        iam.FailNextWith(status, new InjectedBody(body, "text/plain; charset=utf-8"), count: status >= 500 ? 1000 : 1);

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain($"HTTP {status}").And.Contain(body));
            Assert.That(line, Does.Not.Contain("  "));
            Assert.That(line, Does.Not.Contain(world.BuilderApiKey).And.Not.Contain(world.ComputeResourceToken));
        });
    }

    [Test]
    public async Task A_proxys_HTML_page_is_quoted_without_its_markup_and_with_any_secret_it_echoes_blanked()
    {
        var page = $"""
            <html><head><title>403 Forbidden</title></head>
            <body><h1>Forbidden</h1>
            <p>Request   blocked by policy: apikey={World.BuilderApiKey}</p>
            <hr><center>egress-proxy</center></body></html>
            """;
        UseTokenMode(IamWorld.Builder.Id);
        Iam.FailNextWith(403, new InjectedBody(page, "text/html"));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("(HTTP 403): Forbidden Request blocked by policy: apikey=[REDACTED] egress-proxy (request id"));
            Assert.That(line, Does.Not.Contain(World.BuilderApiKey).And.Not.Contain("<"));
            Assert.That(Home.FilesContainingSecret(World.BuilderApiKey), Is.Empty);
        });
    }

    [Test]
    public async Task A_rejected_exchange_leaves_nothing_in_the_cache()
    {
        UseTokenMode(IamWorld.Untrusting.Id);
        HelperOutput.AssertOneLineFailure(await GetAsync());

        HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(2)), "each get asks IAM again");
    }

    /// <summary>
    /// An emulator of the test's own, so the failures it queues reach no other test, with the helper in token
    /// mode against it (its builder key, the builder profile) and IBMTP_TIMEOUT at <paramref name="timeoutSeconds"/>.
    /// </summary>
    private async Task<(IamEmulator Iam, IamWorld World)> UseOwnEmulatorAsync(string timeoutSeconds)
    {
        var (iam, world) = await IamWorld.StartEmulatorAsync();
        UseEmulator(Home, iam);
        UseTokenMode(IamWorld.Builder.Id, apiKey: world.BuilderApiKey);
        Set(("IBMTP_TIMEOUT", timeoutSeconds));
        return (iam, world);
    }
}
