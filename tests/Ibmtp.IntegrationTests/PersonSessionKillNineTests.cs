using System.Diagnostics;
using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Gets of a signed-in person killed with SIGKILL at random instants while they renew the session, with refresh
/// tokens that die once used: the session must keep the newest refresh token IAM issued (unless the kill fell
/// between the refresh reaching IAM and the save, which no program can close: the save must come before the assume
/// is sent), and the next get must answer a live token of the profile, never the aged one, or, only after such a
/// kill, fail with the line that says to log in again.
/// </summary>
[TestFixture]
public sealed class PersonSessionKillNineTests : PersonSessionFixture
{
    /// <summary>The issue's figure: 200 rounds, about half a minute here.</summary>
    private const int Rounds = 200;

    private const int CalibrationRuns = 10;

    // The emulator's first answers are slow while it warms up; timed, they would push the kills past the runs.
    private const int WarmUpRuns = 3;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(50);

    // What the helper logs when a cache file does not parse.
    private static readonly string[] DamageReports = ["dropping damaged entry", "replacing key file", "could not keep the token"];

    protected override Person Person { get; } = new("IBMid-270000KILL9", "Margaret Hamilton", "margaret.kill9@example.test", IamWorld.AccountId, "apollo");

    [Test]
    public async Task A_renewal_killed_anywhere_keeps_the_newest_refresh_token_and_the_next_get_answers_a_live_token_or_says_to_log_in_again()
    {
        using var keystore = await KeystoreInUse.StartAsync(Home, KeystoreInUse.File);
        Iam.SingleUseRefreshTokens = true;
        await LoginAsync();
        var handedOut = await GetBearerTokenAsync();
        // IAM's clock stays where a cached token is due for renewal; each round ages the cache there again.
        Iam.ClockAhead = PastRenewal;
        var schedule = KillSchedule.From(Calibrate(), "session renewal");
        var tally = new KillTally(schedule);
        var lostToAKill = 0;
        var clock = Stopwatch.StartNew();

        for (var index = 0; index < Rounds; index++)
        {
            var round = $"round {index}, {schedule}";
            var session = keystore.KeptSession()!;
            CachedTokens.AgeTo(Home, PastRenewal);
            var refreshesBefore = Iam.RequestCount(GrantTypes.RefreshToken);
            var assumesBefore = Iam.RequestCount(GrantTypes.Assume);

            var run = SpawnedHelper.RunKillingAfter(Home, "get", Registry, schedule.NextDelay());

            Assert.That(run.Killed || run.ExitCode == 0, $"{round}: a get that was not killed must succeed: {run}");
            if (run.Killed)
            {
                // IAM finishes a grant whose caller died; what it issued must be counted before it is judged.
                await Task.Delay(SettleTime);
            }

            var refreshReachedIam = Iam.RequestCount(GrantTypes.RefreshToken) > refreshesBefore;
            var assumeReachedIam = Iam.RequestCount(GrantTypes.Assume) > assumesBefore;
            var temporaries = HelperFiles.Temporaries(Home.CacheFolder()).Concat(HelperFiles.Temporaries(Home.KeystoreFolder())).ToList();
            // Reading it proves the entry whole: a damaged one throws.
            var kept = keystore.KeptSession();
            var lost = kept?.RefreshToken.Value != Iam.RefreshTokensIssuedIn(session.SessionId)[^1];
            // Once the assume is sent, the new refresh token must already be kept: the window is only the refresh's round trip and the save.
            Assert.That(!lost || (run.Killed && refreshReachedIam && !assumeReachedIam),
                $"{round}: the newest refresh token may only be lost to a kill after the refresh reached IAM and before the assume (kept: {kept is not null}, assume sent: {assumeReachedIam})");

            var callsBefore = Iam.TotalTokenRequests;
            var next = await Helper.GetAsync(Registry);
            var landed = Iam.TotalTokenRequests == callsBefore;
            if (lost)
            {
                // The old refresh token died when IAM issued the new one, which the kill took with it.
                AssertSessionEnded(next, "IAM no longer accepts the session's refresh token");
                Assert.That(keystore.KeptSession(), Is.Null, $"{round}: the dead session is removed");
                lostToAKill++;
                await LoginAsync();
                handedOut = await GetBearerTokenAsync();
            }
            else
            {
                var token = HelperOutput.Credentials(next).Secret;
                var now = keystore.KeptSession()!;
                Assert.That(token, Is.Not.EqualTo(handedOut), $"{round}: the aged token is never handed out again");
                AssertLiveProfileToken(token, now, round);
                Assert.That(now.RefreshToken.Value, Is.EqualTo(Iam.RefreshTokensIssuedIn(now.SessionId)[^1]), $"{round}: the session keeps the newest refresh token");
                handedOut = token;
            }

            Assert.That(
                HelperFiles.Entries(Home.CacheFolder()).Where(name => name is not ("cache.key" or "cache.lock") && !name.EndsWith(".token", StringComparison.Ordinal)),
                Is.Empty,
                $"{round}: after the next get only the key, the lock and entries may remain (before it: {string.Join(", ", temporaries)})");
            tally.Record(run, temporaries.Count > 0, landed);
            Assert.That(clock.Elapsed, Is.LessThan(Budget), $"{round}: the rounds must finish within {Budget.TotalSeconds} s");
        }

        TestContext.Progress.WriteLine($"session renewal: {tally}, {lostToAKill} lost the newest refresh token to the kill, in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.That(DamageReports.Where(Home.ReadLog().Contains), Is.Empty, "no cache file may ever fail to parse");
        tally.AssertMostRoundsKilled();
    }

    /// <summary>Durations of uninterrupted renewals, after a few untimed ones.</summary>
    private List<TimeSpan> Calibrate() =>
        Enumerable.Range(0, WarmUpRuns + CalibrationRuns).Select(_ =>
        {
            CachedTokens.AgeTo(Home, PastRenewal);
            var refreshesBefore = Iam.RequestCount(GrantTypes.RefreshToken);
            var run = SpawnedHelper.Run(Home, "get", Registry);
            Assert.That(run.ExitCode, Is.EqualTo(0), $"calibration get: {run}");
            Assert.That(Iam.RequestCount(GrantTypes.RefreshToken), Is.EqualTo(refreshesBefore + 1), "each calibration get renews");
            return run.Elapsed;
        }).Skip(WarmUpRuns).ToList();
}
