using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The token cache shared by helper processes: reuse, keying by everything that decides the token,
/// renewal at 80% of the lifetime, the 10 s expiry margin, single-flight across processes, recovery
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
        Set(("IBMTP_PROFILE_ID", IamWorld.VpcDefault.Id));
        HelperOutput.Credentials(await ShiftedClock.GetAsync(Home, Registry, TimeSpan.FromSeconds(200)));

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
    /// With a 100 s lifetime, 80% is 80 s and the 10 s margin begins at 90 s, so at 85 s only the 80% rule
    /// asks for a new token. A real-time wait that long would be too slow; the helper's clock is moved instead.
    /// </summary>
    [Test]
    public async Task The_token_is_renewed_once_eighty_percent_of_its_lifetime_has_passed()
    {
        Iam.TokenLifetime = TimeSpan.FromSeconds(100);
        UseTokenMode(IamWorld.Builder.Id);
        var first = await GetBearerTokenAsync();

        var at70Percent = HelperOutput.Credentials(await ShiftedClock.GetAsync(Home, Registry, TimeSpan.FromSeconds(70)));
        var callsAt70Percent = IamCalls.Of(Iam);
        var at85Percent = HelperOutput.Credentials(await ShiftedClock.GetAsync(Home, Registry, TimeSpan.FromSeconds(85)));

        Assert.Multiple(() =>
        {
            Assert.That(at70Percent.Secret, Is.EqualTo(first), "a token at 70% of its lifetime is still reused");
            Assert.That(callsAt70Percent, Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(at85Percent.Secret, Is.Not.EqualTo(first), "past 80% of its lifetime the token is renewed");
            Assert.That(EmulatorToken.Subject(at85Percent.Secret), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(2)));
        });
    }

    /// <summary>
    /// With a 13 s lifetime the 10 s margin starts 3 s after issue, long before 80% (10.4 s): a get at once
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
