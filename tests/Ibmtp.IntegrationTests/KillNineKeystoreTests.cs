using System.Diagnostics;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// `store` and `erase` killed with SIGKILL at random instants of their run, hundreds of times: the
/// keystore must always hold each entry's old or new login, and a temporary file a kill leaves (it
/// may hold key material) must be gone after the next store, which takes the lock.
/// </summary>
[TestFixture]
public sealed class KillNineKeystoreTests
{
    private const int StoreRounds = 200;
    private const int EraseRounds = 150;
    private const int KeyCreationRounds = 100;
    private const int CalibrationRuns = 15;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);
    private static readonly string[] Hosts = ["us.icr.io", "de.icr.io", "uk.icr.io"];
    private static readonly string[] KeystoreFiles = ["keystore.json", "keystore.key", "keystore.lock"];

    [Test]
    public async Task A_store_killed_anywhere_leaves_each_entry_old_or_new_and_the_next_store_removes_any_temporary_file()
    {
        using var home = new TestHome();
        var schedule = KillSchedule.From(Calibrate(() => StoreRequest(Hosts[0], TrackedLogin.New("calibration")), home, "store"), "store");
        var keystore = await KeystoreWithEveryHostAsync(home);

        var tally = await RunRoundsAsync("store", home, keystore, schedule, StoreRounds, (round, host) =>
        {
            var newLogin = TrackedLogin.New(round);
            return Task.FromResult((SpawnedHelper.RunKillingAfter(home, "store", StoreRequest(host, newLogin), schedule.NextDelay()), (TrackedLogin?)newLogin));
        });

        tally.AssertMostRoundsKilled();
    }

    [Test]
    public async Task An_erase_killed_anywhere_leaves_each_entry_old_or_gone_and_the_next_store_removes_any_temporary_file()
    {
        using var home = new TestHome();
        var restore = StoreRequest(Hosts[0], TrackedLogin.New("calibration"));
        var schedule = KillSchedule.From(Calibrate(() => Hosts[0], home, "erase", prepare: () => SpawnedHelper.Run(home, "store", restore)), "erase");
        var keystore = await KeystoreWithEveryHostAsync(home);

        var tally = await RunRoundsAsync("erase", home, keystore, schedule, EraseRounds, (round, host) =>
            Task.FromResult((SpawnedHelper.RunKillingAfter(home, "erase", host, schedule.NextDelay()), (TrackedLogin?)null)));

        tally.AssertMostRoundsKilled();
    }

    /// <summary>The first store in an empty home creates the folder, the lock, the key and the keystore: a kill anywhere in that.</summary>
    [Test]
    public async Task The_first_store_killed_anywhere_leaves_no_half_key_and_the_next_store_removes_any_temporary_file()
    {
        using var home = new TestHome();
        var schedule = KillSchedule.From(Calibrate(() => StoreRequest(Hosts[0], TrackedLogin.New("calibration")), home, "store", prepare: () => EmptyKeystoreFolder(home)), "first store");
        var tally = new KillTally(schedule);
        var clock = Stopwatch.StartNew();

        for (var index = 0; index < KeyCreationRounds; index++)
        {
            var round = $"first store, round {index}, {schedule}";
            EmptyKeystoreFolder(home);
            var keystore = new KeystoreModel(home);
            var newLogin = TrackedLogin.New($"{index}");
            var run = SpawnedHelper.RunKillingAfter(home, "store", StoreRequest(Hosts[0], newLogin), schedule.NextDelay());
            var leftovers = HelperFiles.Entries(home.KeystoreFolder());
            Assert.That(leftovers.Except(KeystoreFiles).Where(name => !name.EndsWith(".tmp", StringComparison.Ordinal)), Is.Empty, $"{round}: unexpected files");

            var landed = await keystore.AssertOldOrNewAsync(Hosts[0], newLogin, round);
            await keystore.StoreAsync(Hosts[1], TrackedLogin.New($"{index}-next"));

            Assert.That(HelperFiles.Entries(home.KeystoreFolder()), Is.EqualTo(KeystoreFiles), $"{round}: after the next store only the keystore, its key and its lock may remain (before it: {string.Join(", ", leftovers)})");
            await keystore.AssertOldOrNewAsync(Hosts[1], null, round);
            tally.Record(run, leftovers.Any(name => name.EndsWith(".tmp", StringComparison.Ordinal)), landed);
            AssertWithinBudget(clock, round);
        }

        TestContext.Progress.WriteLine($"first store: {tally} in {clock.Elapsed.TotalSeconds:0.0} s");
        tally.AssertMostRoundsKilled();
    }

    private static async Task<KillTally> RunRoundsAsync(
        string action, TestHome home, KeystoreModel keystore, KillSchedule schedule, int rounds, Func<string, string, Task<(SpawnedRun Run, TrackedLogin? NewLogin)>> killOne)
    {
        var tally = new KillTally(schedule);
        var clock = Stopwatch.StartNew();
        for (var index = 0; index < rounds; index++)
        {
            var host = Hosts[schedule.Next(Hosts.Length)];
            var round = $"round {index} on {host}, {schedule}";

            var (run, newLogin) = await killOne($"{index}", host);
            var temporaries = HelperFiles.Temporaries(home.KeystoreFolder());
            var landed = await keystore.AssertOldOrNewAsync(host, newLogin, round);

            // The next store takes the lock, so it must remove what the kill left. It also puts back an erased entry for later rounds.
            await keystore.StoreAsync(host, TrackedLogin.New($"{index}-next"));
            Assert.That(HelperFiles.Entries(home.KeystoreFolder()), Is.EqualTo(KeystoreFiles), $"{round}: after the next store only the keystore, its key and its lock may remain (before it: {string.Join(", ", temporaries)})");

            tally.Record(run, temporaries.Count > 0, landed);
            AssertWithinBudget(clock, round);
        }

        TestContext.Progress.WriteLine($"{action}: {tally} in {clock.Elapsed.TotalSeconds:0.0} s");
        return tally;
    }

    private static async Task<KeystoreModel> KeystoreWithEveryHostAsync(TestHome home)
    {
        var keystore = new KeystoreModel(home);
        foreach (var host in Hosts)
        {
            await keystore.StoreAsync(host, TrackedLogin.New("initial"));
        }

        return keystore;
    }

    /// <summary>Durations of uninterrupted runs like the ones the test kills; <paramref name="prepare"/> sets the scene for each.</summary>
    private static List<TimeSpan> Calibrate(Func<string> request, TestHome home, string action, Action? prepare = null)
    {
        var durations = new List<TimeSpan>();
        for (var run = 0; run < CalibrationRuns; run++)
        {
            prepare?.Invoke();
            var result = SpawnedHelper.Run(home, action, request());
            Assert.That(result.ExitCode, Is.EqualTo(0), $"calibration {action}: {result.StandardOutput}");
            durations.Add(result.Elapsed);
        }

        return durations;
    }

    private static void EmptyKeystoreFolder(TestHome home)
    {
        if (Directory.Exists(home.KeystoreFolder()))
        {
            Directory.Delete(home.KeystoreFolder(), recursive: true);
        }
    }

    private static string StoreRequest(string host, TrackedLogin login) =>
        new JsonObject { ["ServerURL"] = host, ["Username"] = login.Username, ["Secret"] = login.Secret }.ToJsonString() + "\n";

    private static void AssertWithinBudget(Stopwatch clock, string round) =>
        Assert.That(clock.Elapsed, Is.LessThan(Budget), $"{round}: the rounds must finish within {Budget.TotalSeconds} s");
}
