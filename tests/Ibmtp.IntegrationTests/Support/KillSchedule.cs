using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Seeded random kill delays spread over a helper run's whole lifetime: start-up, the lock, the write
/// and the rename. The seed is printed, and IBMTP_KILL_SEED replays it.
/// </summary>
public sealed class KillSchedule
{
    private const string SeedVariable = "IBMTP_KILL_SEED";

    // A little past a normal run, so that some rounds finish and the last instants are covered too.
    private const double Overshoot = 1.3;

    private readonly Random random;
    private readonly TimeSpan span;

    private KillSchedule(int seed, TimeSpan typicalRun)
    {
        Seed = seed;
        random = new Random(seed);
        span = typicalRun * Overshoot;
    }

    public int Seed { get; }

    /// <summary>Delays drawn from [0, 1.3 × the median of <paramref name="calibrationRuns"/>].</summary>
    public static KillSchedule From(IEnumerable<TimeSpan> calibrationRuns, string what)
    {
        var sorted = calibrationRuns.Order().ToList();
        var median = sorted[sorted.Count / 2];
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        TestContext.Progress.WriteLine($"{what}: kill delays from 0 to {median.TotalMilliseconds * Overshoot:0.0} ms (a normal run takes {median.TotalMilliseconds:0.0} ms); replay with {SeedVariable}={seed}");
        return new KillSchedule(seed, median);
    }

    public TimeSpan NextDelay() => span * random.NextDouble();

    /// <summary>Also drawn from the seed, so that a replay makes the same choices.</summary>
    public int Next(int exclusiveMax) => random.Next(exclusiveMax);

    public override string ToString() => $"{SeedVariable}={Seed}";
}
