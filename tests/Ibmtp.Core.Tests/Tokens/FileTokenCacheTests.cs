using Ibmtp.Files;
using Ibmtp.Iam;
using Ibmtp.Keystores.EncryptedFile;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;
using Moq;

namespace Ibmtp.Tests.Tokens;

[TestFixture]
public sealed class FileTokenCacheTests : TempHomeFixture
{
    /// <summary>What IAM grants; an hour unless a test says otherwise.</summary>
    private TimeSpan Lifetime { get; set; }

    private FastForwardClock _time = null!;
    private TimeProvider _clock = null!;
    private List<string> _warnings = null!;
    private int _fetches;

    [SetUp]
    public void StartClockAndCounters()
    {
        _clock = _time = new FastForwardClock(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        _warnings = [];
        _fetches = 0;
        Lifetime = TimeSpan.FromHours(1);
    }

    private string Folder => Home.Paths.CacheFolder;

    private FileTokenCache Cache() => new(() => Folder, _clock, HelperLog.Silent());

    private Task<IamToken> Fetch()
    {
        Interlocked.Increment(ref _fetches);
        var now = _clock.GetUtcNow();
        return Task.FromResult(new IamToken(new Secret($"token-{_fetches}-{Guid.NewGuid():N}"), now, now + Lifetime));
    }

    private static Task<IamToken> IamDown() => throw new IamUnavailableException("IAM is unavailable: HTTP 503");

    /// <summary>A get through the token service, as the helper runs it, for an exchange whose identity is <paramref name="identity"/>.</summary>
    private IamToken Get(Func<Task<IamToken>>? fetch = null, string identity = "token|key|profile|iam", double timeoutSeconds = 20)
    {
        var exchange = new Mock<ITokenExchange>();
        exchange.Setup(e => e.Identity).Returns(identity.Split('|'));
        exchange.Setup(e => e.FetchAsync(It.IsAny<Deadline>())).Returns(fetch ?? Fetch);
        return new TokenService(Cache(), TimeSpan.FromSeconds(timeoutSeconds), _clock, _warnings.Add).Get(exchange.Object);
    }

    private static string EntryName(string identity = "token|key|profile|iam")
    {
        var exchange = new Mock<ITokenExchange>();
        exchange.Setup(e => e.Identity).Returns(identity.Split('|'));
        return TokenService.CacheKey(exchange.Object) + ".token";
    }

    [TestCase(60, 15.0)]
    [TestCase(20, 10.0)]
    [TestCase(5, 2.5)]
    public void A_token_is_reused_while_it_has_the_least_life_left(int lifetimeMinutes, double leastLeftMinutes)
    {
        Lifetime = TimeSpan.FromMinutes(lifetimeMinutes);
        var first = Get();
        Assert.That(Get().AccessToken, Is.EqualTo(first.AccessToken), "a token just issued is handed out");
        _time.Advance(Lifetime - TimeSpan.FromMinutes(leastLeftMinutes));

        var served = Get();

        Assert.That(served.AccessToken, Is.EqualTo(first.AccessToken));
        Assert.That(served.ExpiresAt - _time.GetUtcNow(), Is.EqualTo(TimeSpan.FromMinutes(leastLeftMinutes)));
        Assert.That(_fetches, Is.EqualTo(1));
    }

    [TestCase(60, 15.0)]
    [TestCase(20, 10.0)]
    [TestCase(5, 2.5)]
    public void A_token_is_renewed_a_second_before_it_would_have_less_than_the_least_life_left(int lifetimeMinutes, double leastLeftMinutes)
    {
        Lifetime = TimeSpan.FromMinutes(lifetimeMinutes);
        var first = Get();
        _time.Advance(Lifetime - TimeSpan.FromMinutes(leastLeftMinutes) + TimeSpan.FromSeconds(1));

        var served = Get();

        Assert.That(served.AccessToken, Is.Not.EqualTo(first.AccessToken));
        Assert.That(served.ExpiresAt - _time.GetUtcNow(), Is.EqualTo(Lifetime));
        Assert.That(_fetches, Is.EqualTo(2));
    }

    /// <summary>A second after the token has less than the least life left: the cache wants a new one.</summary>
    private TimeSpan PastRenewal => Lifetime - LeastLifeLeft.For(Lifetime) + TimeSpan.FromSeconds(1);

    [Test]
    public void During_an_IAM_outage_a_token_past_its_renewal_but_still_valid_is_served_with_a_warning()
    {
        var first = Get();
        _time.Advance(PastRenewal);

        Assert.That(Get(IamDown).AccessToken, Is.EqualTo(first.AccessToken));
        Assert.That(_warnings, Has.Count.EqualTo(1));
        Assert.That(_warnings[0], Does.Contain("HTTP 503").And.Contain("cached token"));
    }

    [TestCase(60)]
    [TestCase(5)]
    public void A_token_with_the_least_life_left_is_served_at_once_while_another_process_holds_the_lock(int lifetimeMinutes)
    {
        Lifetime = TimeSpan.FromMinutes(lifetimeMinutes);
        var first = Get();
        _time.Advance(Lifetime - LeastLifeLeft.For(Lifetime));
        using var refreshingElsewhere = RefreshingElsewhere();

        Assert.That(Get(IamDown, timeoutSeconds: 0.3).AccessToken, Is.EqualTo(first.AccessToken));
        Assert.That(_warnings, Is.Empty, "a fresh token is served without waiting for the lock");
    }

    [TestCase(60)]
    [TestCase(5)]
    public void A_token_past_its_renewal_but_still_valid_is_served_with_a_warning_when_the_process_refreshing_it_takes_longer_than_this_call_may_wait(int lifetimeMinutes)
    {
        Lifetime = TimeSpan.FromMinutes(lifetimeMinutes);
        var first = Get();
        _time.Advance(PastRenewal);
        using var refreshingElsewhere = RefreshingElsewhere();

        Assert.That(Get(IamDown, timeoutSeconds: 0.3).AccessToken, Is.EqualTo(first.AccessToken));
        Assert.That(_warnings.Single(), Does.Contain("waiting for the lock"));
    }

    [Test]
    public void An_expired_token_is_never_served_while_another_process_holds_the_lock_however_long_it_takes()
    {
        Get();
        _time.Advance(Lifetime + TimeSpan.FromMinutes(1));
        using var refreshingElsewhere = RefreshingElsewhere();

        var error = Assert.Throws<LockTimeoutException>(() => Get(IamDown, timeoutSeconds: 0.3));

        Assert.That(error.Message, Does.Contain("waiting for the lock"));
        Assert.That(_warnings, Is.Empty);
    }

    /// <summary>The cache's lock, held as a helper that is asking IAM holds it.</summary>
    private FileLock RefreshingElsewhere() => FileLock.Acquire(Path.Combine(Folder, "cache.lock"), TimeSpan.Zero, _clock);

    [Test]
    public void A_token_within_10_seconds_of_expiry_is_never_handed_out_even_during_an_outage()
    {
        Get();
        _time.Advance(Lifetime - TimeSpan.FromSeconds(9));

        Assert.Throws<IamUnavailableException>(() => Get(IamDown));
    }

    [Test]
    public void Rejections_are_not_hidden_by_a_cached_token()
    {
        Get();
        _time.Advance(PastRenewal);

        Assert.Throws<IamRejectedException>(() => Get(() => throw new IamRejectedException("IAM rejected the apikey grant")));
    }

    [Test]
    public void A_damaged_entry_is_discarded_and_fetched_again()
    {
        Get();
        var entry = Directory.GetFiles(Folder, "*.token").Single();
        File.WriteAllText(entry, "{ not json");

        Get();

        Assert.That(_fetches, Is.EqualTo(2));
    }

    [Test]
    public void Entries_are_owner_only_and_never_hold_the_token_in_clear_or_base64()
    {
        var token = Get();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.GetUnixFileMode(Folder), Is.EqualTo(FileModes.OwnerOnlyFolder));
            foreach (var file in TempHome.FilesUnder(Folder))
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(FileModes.OwnerOnlyFile), file);
            Assert.That(SecretForms.FilesHolding(Home.Root, token.AccessToken.Value), Is.Empty);
        }
    }

    [Test]
    public void Expired_entries_are_pruned_when_a_new_token_is_written()
    {
        Get(identity: "token|old-key|profile|iam");
        _time.Advance(Lifetime + TimeSpan.FromMinutes(1));

        Get();

        Assert.That(Directory.GetFiles(Folder, "*.token").Select(Path.GetFileName), Is.EqualTo(new[] { EntryName() }));
    }

    [Test]
    public async Task Many_cold_callers_at_once_make_exactly_one_fetch()
    {
        // Real threads queue for the real lock while the first one fetches, so they wait on the real clock.
        _clock = TimeProvider.System;
        async Task<IamToken> SlowFetch()
        {
            await Task.Delay(300);
            return await Fetch();
        }

        var callers = Enumerable.Range(0, 16).Select(_ => Task.Run(() => Get(SlowFetch)));
        var tokens = await Task.WhenAll(callers);

        Assert.That(_fetches, Is.EqualTo(1));
        Assert.That(tokens.Select(token => token.AccessToken).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public void Where_the_cache_cannot_be_kept_every_get_still_gets_a_token_straight_from_IAM()
    {
        // A regular file where the cache folder should be stands for a read-only home.
        Home.Variables["XDG_CACHE_HOME"] = Home.WriteFile("not-a-folder", "");

        var first = Get();
        var second = Get();

        Assert.That(_fetches, Is.EqualTo(2));
        Assert.That(second.AccessToken, Is.Not.EqualTo(first.AccessToken));
        Assert.That(_warnings, Is.Empty);
    }

    [Test]
    public void A_token_that_is_already_over_is_refused_and_not_cached()
    {
        var now = _time.GetUtcNow();
        Task<IamToken> Expired() => Task.FromResult(new IamToken(new Secret("expired-token-1"), now.AddHours(-1), now.AddSeconds(5)));

        var error = Assert.Throws<IamUnavailableException>(() => Get(Expired));

        Assert.That(error.Message, Does.Contain("clock"));
        Assert.That(TempHome.FilesUnder(Folder).Where(file => file.EndsWith(".token", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void A_cache_key_others_can_read_is_replaced_by_an_owner_only_one()
    {
        Get();
        var keyFile = Path.Combine(Folder, "cache.key");
        File.SetUnixFileMode(keyFile, (UnixFileMode)0b110_100_100);
        _time.Advance(Lifetime);

        Get();

        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(FileModes.OwnerOnlyFile));
    }
}
