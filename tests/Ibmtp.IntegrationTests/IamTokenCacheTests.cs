using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The token cache shared by helper processes: reuse, keying by everything that decides the token,
/// renewal while a token still has the least life left a client must get, the 10 s expiry margin, single-flight across processes, recovery
/// from damage, and IBMTP_NO_CACHE.
/// </summary>
[TestFixture]
public sealed class IamTokenCacheTests : IamEmulatorFixture
{
    [TestCase("token")]
    [TestCase("cr-token")]
    [TestCase("vpc")]
    public async Task A_second_get_is_served_from_the_cache(string mode)
    {
        Set(("IBMTP_MODE", mode), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id), ("IBMTP_API_KEY", World.BuilderApiKey), ("IBMTP_CR_TOKEN", World.ComputeResourceToken));
        var first = await GetBearerTokenAsync();
        var afterFirst = IamCalls.Of(Iam);

        var second = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(afterFirst, Is.Not.EqualTo(IamCalls.None), "the first get must have made an exchange");
            Assert.That(second, Is.EqualTo(first));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(afterFirst), "the second get must not call IAM or the metadata service");
        });
    }

    [Test]
    public async Task The_cache_is_keyed_by_the_API_key()
    {
        UseTokenMode(IamWorld.Builder.Id);
        var builderToken = await GetBearerTokenAsync();

        Set(("IBMTP_API_KEY", World.OtherApiKey));
        var otherToken = await GetBearerTokenAsync();
        var afterRotation = IamCalls.Of(Iam);

        Set(("IBMTP_API_KEY", World.BuilderApiKey));
        var builderAgain = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(otherToken, Is.Not.EqualTo(builderToken), "another API key must never get the first key's token");
            Assert.That(afterRotation, Is.EqualTo(IamCalls.TokenExchanges(2)));
            Assert.That(builderAgain, Is.EqualTo(builderToken), "each key keeps its own entry");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(2)));
        });
    }

    [Test]
    public async Task The_cache_is_keyed_by_the_profile()
    {
        UseTokenMode(IamWorld.Builder.Id);
        var builderToken = await GetBearerTokenAsync();

        Set(("IBMTP_PROFILE_ID", IamWorld.Deployer.Id));
        var deployerToken = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(builderToken), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Subject(deployerToken), Is.EqualTo(IamWorld.Deployer.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(2)));
        });
    }

    [Test]
    public async Task The_cache_is_keyed_by_the_IAM_endpoint()
    {
        await using var otherIam = await Ibmtp.Emulators.IamEmulator.StartAsync();
        World.RegisterIn(otherIam);
        UseTokenMode(IamWorld.Builder.Id);
        var first = await GetBearerTokenAsync();

        Set(("IBMTP_IAM_URL", otherIam.BaseUrl.ToString()));
        var fromOtherIam = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(fromOtherIam, Is.Not.EqualTo(first));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(IamCalls.Of(otherIam), Is.EqualTo(IamCalls.TokenExchanges(1)), "a token from one IAM endpoint is not handed out for another");
        });
    }

    [Test]
    public async Task Expired_entries_are_pruned()
    {
        Iam.TokenLifetime = TimeSpan.FromSeconds(100);
        UseTokenMode(IamWorld.Builder.Id);
        await GetBearerTokenAsync();
        Set(("IBMTP_PROFILE_ID", IamWorld.Deployer.Id));
        await GetBearerTokenAsync();
        var entriesBefore = CachedTokenFiles().Count;

        // 200 s on, both entries have expired; writing a third must drop them.
        CachedTokens.AgeTo(Home, TimeSpan.FromSeconds(200));
        Set(("IBMTP_PROFILE_ID", IamWorld.VpcDefault.Id));
        await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(entriesBefore, Is.EqualTo(2));
            Assert.That(CachedTokenFiles(), Has.Count.EqualTo(1));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(3)));
        });
    }

    [Test]
    public async Task No_cache_exchanges_on_every_get_and_writes_no_token()
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(("IBMTP_NO_CACHE", "1"));

        var tokens = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add(await GetBearerTokenAsync());
        }

        Assert.Multiple(() =>
        {
            Assert.That(tokens, Is.Unique);
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(3)));
            Assert.That(CachedTokenFiles(), Is.Empty);
        });
    }

    /// <summary>
    /// A token is handed out while it has 15 minutes left (half its life, under 30 minutes in all), and
    /// renewed just after. The cached token is aged, and the emulator's clock moved ahead as far, to a few
    /// seconds either side of that point, so the emulator judges the life left on the token each get hands
    /// out. The seconds cover the time the gets take and the cache's whole seconds.
    /// </summary>
    [TestCase(60, 15.0)]
    [TestCase(20, 10.0)]
    [TestCase(5, 2.5)]
    public async Task A_token_is_handed_out_with_the_least_life_left_and_renewed_just_after(int lifetimeMinutes, double leastLeftMinutes)
    {
        var lifetime = TimeSpan.FromMinutes(lifetimeMinutes);
        var leastLeft = TimeSpan.FromMinutes(leastLeftMinutes);
        var nearRenewal = TimeSpan.FromSeconds(5);
        Iam.TokenLifetime = lifetime;
        UseTokenMode(IamWorld.Builder.Id);
        var first = await GetBearerTokenAsync();

        var justBefore = await GetAheadAsync(lifetime - leastLeft - nearRenewal);
        var leftJustBefore = LifeLeft(justBefore);
        var callsJustBefore = IamCalls.Of(Iam);
        var justAfter = await GetAheadAsync(lifetime - leastLeft + nearRenewal);
        var leftJustAfter = LifeLeft(justAfter);

        Assert.Multiple(() =>
        {
            Assert.That(justBefore, Is.EqualTo(first), "the cached token is handed out while it has the least life left");
            Assert.That(leftJustBefore, Is.GreaterThanOrEqualTo(leastLeft));
            Assert.That(callsJustBefore, Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(justAfter, Is.Not.EqualTo(first), "a token with less than the least life left is renewed");
            Assert.That(EmulatorToken.Subject(justAfter), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(leftJustAfter, Is.GreaterThan(lifetime - nearRenewal));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(2)));
        });
    }

    /// <summary>What the test above rests on: the emulator issues its tokens on its own clock, however far it is moved.</summary>
    [Test]
    public async Task The_emulator_issues_tokens_on_its_moved_clock()
    {
        Iam.ClockAhead = TimeSpan.FromHours(2);
        UseTokenMode(IamWorld.Builder.Id);

        var token = await GetBearerTokenAsync();

        Assert.That(EmulatorToken.ExpiresAt(token) - DateTimeOffset.UtcNow, Is.InRange(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(10), TimeSpan.FromHours(3)));
        Assert.That(LifeLeft(token), Is.InRange(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(10), TimeSpan.FromHours(1)));
    }

    /// <summary>
    /// A get's token <paramref name="ahead"/> into the test: the emulator's clock moves there, and the cached
    /// token is made as old, so the helper, on the real clock, judges it as the emulator does.
    /// </summary>
    private async Task<string> GetAheadAsync(TimeSpan ahead)
    {
        CachedTokens.AgeTo(Home, ahead);
        Iam.ClockAhead = ahead;
        return await GetBearerTokenAsync();
    }

    /// <summary>How long <paramref name="token"/> still works, on the emulator's clock.</summary>
    private TimeSpan LifeLeft(string token) => EmulatorToken.ExpiresAt(token) - Iam.UtcNow;

    /// <summary>
    /// With a 13 s lifetime the 10 s margin starts 3 s after issue, before half its life (6.5 s): a get at once
    /// is served from the cache, one after 4 s must not be, although the token has not expired. (The cache
    /// keeps whole seconds, so the margin may start up to a second earlier; 4 s is past it either way.)
    /// </summary>
    [Test]
    public async Task A_token_is_never_handed_out_within_ten_seconds_of_its_expiry()
    {
        Iam.TokenLifetime = TimeSpan.FromSeconds(13);
        UseTokenMode(IamWorld.Builder.Id);
        var issued = Stopwatch.StartNew();
        var first = await GetBearerTokenAsync();
        var atOnce = await GetBearerTokenAsync();
        var callsAtOnce = IamCalls.Of(Iam);

        await Task.Delay(TimeSpan.FromSeconds(4) - issued.Elapsed);
        var later = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(atOnce, Is.EqualTo(first));
            Assert.That(callsAtOnce, Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(later, Is.Not.EqualTo(first));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(2)));
        });
    }

    [Test]
    public async Task Thirty_two_parallel_cold_gets_make_one_exchange()
    {
        UseTokenMode(IamWorld.Builder.Id);
        // A slow IAM keeps the first exchange in flight while the other processes start and queue up.
        Iam.Delay = TimeSpan.FromMilliseconds(400);

        var gets = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => GetAsync()));

        var secrets = gets.Select(get => HelperOutput.Credentials(get).Secret).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(secrets.Distinct().ToList(), Has.Count.EqualTo(1), "every process must hand out the one token");
            Assert.That(EmulatorToken.Subject(secrets[0]), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
        });
    }

    [TestCase("entry")]
    [TestCase("key")]
    public async Task A_damaged_cache_is_discarded_and_refetched(string damaged)
    {
        UseTokenMode(IamWorld.Builder.Id);
        var first = await GetBearerTokenAsync();
        var target = damaged == "entry" ? CachedTokenFiles().Single() : Path.Combine(CacheFolder, "cache.key");
        await File.WriteAllTextAsync(target, "{\"not\": \"what the helper wrote\"");

        var second = await GetBearerTokenAsync();
        var third = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(EmulatorToken.Subject(second), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(third, Is.EqualTo(second), "the refetched token is cached again");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(2)));
        });
    }

    private string CacheFolder => Path.Combine(Home.Environment["XDG_CACHE_HOME"], "ibmtp");

    private IReadOnlyList<string> CachedTokenFiles() =>
        Directory.Exists(CacheFolder) ? Directory.GetFiles(CacheFolder, "*.token") : [];
}
