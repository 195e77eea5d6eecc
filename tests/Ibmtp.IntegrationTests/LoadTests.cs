using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// About 300 helper processes in 10 s on one HOME, mixing get, store, erase and list in bursts: no
/// update may be lost, and every answer must be the one right answer. bench/load.sh runs this test
/// for its latency table.
/// </summary>
[TestFixture]
public sealed class LoadTests
{
    private const int LeastProcesses = 200;
    private const string SeedVariable = "IBMTP_LOAD_SEED";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Three_hundred_mixed_calls_in_ten_seconds_lose_no_update_and_answer_every_call_rightly()
    {
        using var home = new TestHome();
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        var plan = new LoadPlan(home, seed);
        var helper = new HelperCli(home);
        var clock = Stopwatch.StartNew();

        var wall = await plan.RunAsync();

        TestContext.Progress.WriteLine($"load: {plan.Latencies.Count} processes in {wall.TotalSeconds:0.0} s, replay the plan with {SeedVariable}={seed}; {Environment.ProcessorCount} cores");
        TestContext.Progress.WriteLine(plan.Latencies.Table());
        Assert.That(plan.Calls, Has.Count.GreaterThanOrEqualTo(LeastProcesses));
        Assert.Multiple(() =>
        {
            foreach (var call in plan.Calls)
            {
                AssertAnsweredRightly(call, plan);
            }
        });

        var kept = plan.Stored.Where(entry => !plan.Erased.ContainsKey(entry.Key)).ToDictionary(entry => entry.Key, entry => entry.Value);
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(kept.ToDictionary(entry => entry.Key, entry => entry.Value.Username)), "lost or resurrected updates");
        foreach (var (host, login) in kept)
        {
            Assert.That(HelperOutput.Credentials(await helper.GetAsync(host)), Is.EqualTo((host, login.Username, login.Secret)), host);
        }

        foreach (var host in plan.Erased.Keys)
        {
            HelperOutput.AssertNotFound(await helper.GetAsync(host));
        }

        Assert.That(HelperFiles.Temporaries(home.KeystoreFolder()), Is.Empty, "temporary files left behind");
        Assert.That(clock.Elapsed, Is.LessThan(Budget));
    }

    private static void AssertAnsweredRightly(LoadCall call, LoadPlan plan)
    {
        switch (call.Action)
        {
            case "store" or "erase":
                HelperOutput.AssertSilentSuccess(call.Result);
                break;
            case "get" when plan.Stored.TryGetValue(call.Host, out var login):
                Assert.That(HelperOutput.Credentials(call.Result), Is.EqualTo((call.Host, login.Username, login.Secret)));
                break;
            case "get":
                HelperOutput.AssertNotFound(call.Result);
                break;
            case "list":
                // Any moment's view, but never an entry that was not stored, nor a host with another's username.
                foreach (var (host, username) in HelperOutput.List(call.Result))
                {
                    Assert.That(plan.Stored.TryGetValue(host, out var stored) ? stored.Username : "(never stored)", Is.EqualTo(username), $"list showed {host}");
                }

                break;
            default:
                Assert.Fail($"unknown action {call.Action}");
                break;
        }
    }
}
