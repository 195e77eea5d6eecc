using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Token-mode `get`s killed with SIGKILL at random instants while they fetch a token and write it to
/// the cache (and, in some rounds, create the cache's key): the next `get` must answer a good token
/// without a warning, no cache file may fail to parse, and no temporary file may remain after it.
/// </summary>
[TestFixture]
public sealed class KillNineTokenCacheTests : IamEmulatorFixture
{
    private const int Rounds = 150;
    private const int CalibrationRuns = 10;

    // The emulator's first answers are slow while it warms up; timed, they would push the kills past the runs.
    private const int WarmUpRuns = 3;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    // What the helper logs when a cache file does not parse.
    private static readonly string[] DamageReports = ["dropping damaged entry", "replacing key file", "could not keep the token"];

    [Test]
    public async Task A_cache_write_killed_anywhere_leaves_every_cache_file_readable_and_the_next_get_removes_any_temporary_file()
    {
        UseTokenMode(IamWorld.Builder.Id);
        var schedule = KillSchedule.From(Calibrate(), "token-cache write");
        var tally = new KillTally(schedule);
        var clock = Stopwatch.StartNew();

        for (var index = 0; index < Rounds; index++)
        {
            var round = $"round {index}, {schedule}";
            // Some rounds start from an empty cache, so that kills also land while cache.key is created.
            if (schedule.Next(4) == 0 && Directory.Exists(Home.CacheFolder()))
            {
                Directory.Delete(Home.CacheFolder(), recursive: true);
            }

            // A new API key is a new cache entry, so every round fetches and writes.
            UseNewApiKey();
            var run = SpawnedHelper.RunKillingAfter(Home, "get", Registry, schedule.NextDelay());
            Assert.That(run.Killed || run.ExitCode == 0, $"{round}: a get that was not killed must succeed: {run}");
            var temporaries = HelperFiles.Temporaries(Home.CacheFolder());
            AssertKeyIsWholeOrAbsent(round);

            var callsBefore = IamCalls.Of(Iam);
            var token = await GetBearerTokenAsync();
            var landed = IamCalls.Of(Iam) == callsBefore;

            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id), round);
            Assert.That(
                HelperFiles.Entries(Home.CacheFolder()).Where(name => name is not ("cache.key" or "cache.lock") && !name.EndsWith(".token", StringComparison.Ordinal)),
                Is.Empty,
                $"{round}: after the next get only the key, the lock and entries may remain (before it: {string.Join(", ", temporaries)})");
            tally.Record(run, temporaries.Count > 0, landed);
            Assert.That(clock.Elapsed, Is.LessThan(Budget), $"{round}: the rounds must finish within {Budget.TotalSeconds} s");
        }

        TestContext.Progress.WriteLine($"token-cache write: {tally} in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.That(DamageReports.Where(Home.ReadLog().Contains), Is.Empty, "no cache file may ever fail to parse");
        tally.AssertMostRoundsKilled();
    }

    /// <summary>Durations of uninterrupted cold gets, each with a key of its own, after a few untimed ones.</summary>
    private List<TimeSpan> Calibrate() =>
        Enumerable.Range(0, WarmUpRuns + CalibrationRuns).Select(_ =>
        {
            UseNewApiKey();
            var run = SpawnedHelper.Run(Home, "get", Registry);
            Assert.That(run.ExitCode, Is.EqualTo(0), $"calibration get: {run}");
            return run.Elapsed;
        }).Skip(WarmUpRuns).ToList();

    private void UseNewApiKey()
    {
        var apiKey = FakeCredentials.NewApiKey();
        Iam.AddServiceIdApiKey(apiKey, IamWorld.BuilderServiceId);
        Set(("IBMTP_API_KEY", apiKey));
    }

    private void AssertKeyIsWholeOrAbsent(string round)
    {
        if (File.Exists(Home.CacheKeyFile()))
        {
            Assert.That(new FileInfo(Home.CacheKeyFile()).Length, Is.EqualTo(32), $"{round}: cache.key must hold a whole key");
        }
    }
}
