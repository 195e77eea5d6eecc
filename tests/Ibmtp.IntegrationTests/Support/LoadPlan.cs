using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ibmtp.IntegrationTests;

/// <summary>One helper run of the load and what it returned.</summary>
public sealed record LoadCall(string Action, string Host, ProcessResult Result);

/// <summary>
/// Bursts of get, store, erase and list on one HOME, launched on a fixed schedule whatever the earlier
/// bursts are doing, so that runs pile up on the keystore lock as parallel logins and pulls do. Every
/// store is of a new host with a unique secret; an erase is only sent once its host's store has
/// finished, and a get only asks for a host whose store has finished and that is never erased, or one
/// never stored: so each answer has exactly one right value.
/// </summary>
public sealed class LoadPlan(TestHome home, int seed)
{
    public const int Bursts = 20;
    public const int StoresPerBurst = 7;
    public const int ErasesPerBurst = 3;
    public const int GetsPerBurst = 3;
    public const int ListsPerBurst = 2;
    public const int RunsPerBurst = StoresPerBurst + ErasesPerBurst + GetsPerBurst + ListsPerBurst;
    public static readonly TimeSpan BurstInterval = TimeSpan.FromMilliseconds(500);

    // Of the stored hosts, this share is erased later; the rest must be there at the end.
    private const double ErasedShare = 0.4;

    private readonly Random random = new(seed);
    private readonly HelperCli helper = new(home);
    private readonly ConcurrentQueue<string> finishedStores = new();
    private readonly List<string> erasable = [];
    private readonly List<string> kept = [];
    private readonly HashSet<string> willBeErased = new(StringComparer.Ordinal);
    private int hostCount;

    /// <summary>Every store's login, by host.</summary>
    public ConcurrentDictionary<string, TrackedLogin> Stored { get; } = new(StringComparer.Ordinal);

    /// <summary>Hosts whose erase was sent.</summary>
    public ConcurrentDictionary<string, bool> Erased { get; } = new(StringComparer.Ordinal);

    public ConcurrentBag<LoadCall> Calls { get; } = [];

    public Latencies Latencies { get; } = new();

    /// <summary>Runs every burst, then waits for the last run to end; returns the wall time.</summary>
    public async Task<TimeSpan> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var running = new List<Task>();
        for (var burst = 0; burst < Bursts; burst++)
        {
            var due = BurstInterval * burst;
            if (clock.Elapsed < due)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            running.AddRange(Burst());
        }

        await Task.WhenAll(running);
        return clock.Elapsed;
    }

    private List<Task> Burst()
    {
        while (finishedStores.TryDequeue(out var host))
        {
            (willBeErased.Contains(host) ? erasable : kept).Add(host);
        }

        var runs = new List<Task>();
        for (var store = 0; store < StoresPerBurst; store++)
        {
            var host = $"load-{hostCount}.icr.io";
            var login = TrackedLogin.New($"{hostCount++}");
            if (random.NextDouble() < ErasedShare)
            {
                willBeErased.Add(host);
            }

            Stored[host] = login;
            runs.Add(TimedAsync("store", host, () => helper.StoreAsync(host, login.Username, login.Secret), () => finishedStores.Enqueue(host)));
        }

        foreach (var host in Take(erasable, ErasesPerBurst))
        {
            Erased[host] = true;
            runs.Add(TimedAsync("erase", host, () => helper.EraseAsync(host)));
        }

        for (var get = 0; get < GetsPerBurst; get++)
        {
            var host = kept.Count > 0 ? kept[random.Next(kept.Count)] : "never-stored.icr.io";
            runs.Add(TimedAsync("get", host, () => helper.GetAsync(host)));
        }

        for (var list = 0; list < ListsPerBurst; list++)
        {
            runs.Add(TimedAsync("list", "", helper.ListAsync));
        }

        return runs;
    }

    private List<string> Take(List<string> hosts, int count)
    {
        var taken = hosts.OrderBy(_ => random.Next()).Take(count).ToList();
        hosts.RemoveAll(taken.Contains);
        return taken;
    }

    private Task TimedAsync(string action, string host, Func<Task<ProcessResult>> run, Action? afterwards = null) =>
        Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            var result = await run();
            Latencies.Add(action, clock.Elapsed);
            Calls.Add(new LoadCall(action, host, result));
            if (result.Succeeded)
            {
                afterwards?.Invoke();
            }
        });
}
