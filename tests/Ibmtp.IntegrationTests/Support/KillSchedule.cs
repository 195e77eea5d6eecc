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

    // After a kill the delays reach 2% further, after a run that finished first they draw in by 6%. That
    // balances at about three rounds in four killed: kills all through the run, and some runs finishing.
    private const double AfterAKill = 1.02;
    private const double AfterAFinishedRun = 0.94;

    private readonly Random random;
    private TimeSpan span;

    private KillSchedule(int seed, TimeSpan typicalRun)
    {
        Seed = seed;
        random = new Random(seed);
        span = typicalRun * Overshoot;
    }

    public int Seed { get; }

    /// <summary>Delays drawn from [0, 1.3 × the median of <paramref name="calibrationRuns"/>] at first; see <see cref="Saw"/>.</summary>
    public static KillSchedule From(IEnumerable<TimeSpan> calibrationRuns, string what)
    {
        var sorted = calibrationRuns.Order().ToList();
        var median = sorted[sorted.Count / 2];
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        TestContext.Progress.WriteLine($"{what}: kill delays from 0 to {median.TotalMilliseconds * Overshoot:0.0} ms (a normal run takes {median.TotalMilliseconds:0.0} ms); replay with {SeedVariable}={seed}");
        return new KillSchedule(seed, median);
    }

    public TimeSpan NextDelay() => span * random.NextDouble();

    /// <summary>
    /// Re-aims the delays after each round. The calibration timed a run under the load of its moment;
    /// when that load changes during the rounds, fixed delays would land mostly before the run's end,
    /// or mostly after it.
    /// </summary>
    public void Saw(SpawnedRun run) => span *= run.Killed ? AfterAKill : AfterAFinishedRun;

    /// <summary>Also drawn from the seed, so that a replay makes the same choices.</summary>
    public int Next(int exclusiveMax) => random.Next(exclusiveMax);

    public override string ToString() => $"{SeedVariable}={Seed}";
}
