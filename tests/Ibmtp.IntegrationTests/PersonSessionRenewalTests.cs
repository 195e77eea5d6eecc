using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A signed-in person's get, once the profile token it was handed runs low or out, renews the session: one
/// refresh grant, whose new refresh token is kept, then one assume; and many parallel gets at that moment still
/// make only one renewal among them, in each keystore the session can be kept in.
/// </summary>
[TestFixture]
public sealed class PersonSessionRenewalTests : PersonSessionFixture
{
    private const int ParallelGets = 32;

    protected override Person Person { get; } = new("IBMid-270000RENEW", "Grace Hopper", "grace.renew@example.test", IamWorld.AccountId, "compiler");

    private static IEnumerable<TestCaseData> KeystoresAndAges() =>
        from keystore in KeystoreInUse.Names
        from age in new[] { ("past the renewal point", PastRenewal), ("past the expiry", PastExpiry) }
        select new TestCaseData(keystore, age.Item2).SetArgDisplayNames(keystore, age.Item1);

    [TestCaseSource(nameof(KeystoresAndAges))]
    public async Task A_get_once_the_token_runs_low_gets_a_new_profile_token_with_one_refresh_and_one_assume(string keystoreName, TimeSpan age)
    {
        using var keystore = await KeystoreInUse.StartAsync(Home, keystoreName);
        await LoginAsync();
        var first = await GetBearerTokenAsync();
        var signedIn = keystore.KeptSession()!;
        Iam.Reset();

        AgeTo(age);
        var renewed = await GetBearerTokenAsync();
        var callsForTheRenewal = (Iam.RequestCount(GrantTypes.RefreshToken), Iam.PersonAssumeGrants, Iam.TotalTokenRequests);
        var again = await GetBearerTokenAsync();

        var kept = keystore.KeptSession()!;
        Assert.Multiple(() =>
        {
            Assert.That(renewed, Is.Not.EqualTo(first), "the aged token is not handed out again");
            AssertLiveProfileToken(renewed, kept, "renewed");
            Assert.That(callsForTheRenewal, Is.EqualTo((1, 1, 2)), "one refresh grant and one assume, nothing else");
            Assert.That(again, Is.EqualTo(renewed), "the renewed token is cached");
            Assert.That(Iam.TotalTokenRequests, Is.EqualTo(2), "the next get asks IAM nothing");
            Assert.That(kept.SessionId, Is.EqualTo(signedIn.SessionId), "the same session goes on");
            Assert.That(kept.RefreshToken.Value, Is.Not.EqualTo(signedIn.RefreshToken.Value).And.EqualTo(Iam.RefreshTokensIssuedIn(kept.SessionId)[^1]),
                "the session keeps the newest refresh token IAM issued");
            Assert.That(kept.RenewedAt, Is.GreaterThan(signedIn.RenewedAt));
        });
    }

    [Test]
    public async Task A_token_with_more_than_15_minutes_left_is_handed_out_without_asking_IAM()
    {
        await LoginAsync();
        var first = await GetBearerTokenAsync();
        Iam.Reset();

        AgeTo(TimeSpan.FromMinutes(44));
        var later = await GetBearerTokenAsync();

        Assert.That(later, Is.EqualTo(first));
        Assert.That(Iam.TotalTokenRequests, Is.EqualTo(0));
    }

    [TestCaseSource(typeof(KeystoreInUse), nameof(KeystoreInUse.Names))]
    public async Task Thirty_two_parallel_gets_at_expiry_make_one_refresh_and_all_hand_out_its_token(string keystoreName)
    {
        using var keystore = await KeystoreInUse.StartAsync(Home, keystoreName);
        await LoginAsync();
        await GetBearerTokenAsync();
        // A used refresh token dies: a second process refreshing with the one the first used would end the session.
        Iam.SingleUseRefreshTokens = true;
        AgeTo(PastExpiry);
        Iam.Reset();
        // A slow IAM keeps the renewal in flight while the other processes start and queue up.
        Iam.Delay = TimeSpan.FromMilliseconds(400);

        var gets = await Task.WhenAll(Enumerable.Range(0, ParallelGets).Select(_ => GetAsync()));

        var secrets = gets.Select(get => HelperOutput.Credentials(get).Secret).ToList();
        var kept = keystore.KeptSession()!;
        Assert.Multiple(() =>
        {
            Assert.That(Iam.RequestCount(GrantTypes.RefreshToken), Is.EqualTo(1), "one refresh among all the processes");
            Assert.That(Iam.PersonAssumeGrants, Is.EqualTo(1));
            Assert.That(secrets.Distinct().ToList(), Has.Count.EqualTo(1), "every process hands out the one renewed token");
            AssertLiveProfileToken(secrets[0], kept, "renewed");
            Assert.That(kept.RefreshToken.Value, Is.EqualTo(Iam.RefreshTokensIssuedIn(kept.SessionId)[^1]), "the session keeps the newest refresh token");
        });
    }
}
