using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>How the rounds of a kill test ended: proof that the kills covered the run, not only its start.</summary>
public sealed class KillTally(KillSchedule schedule)
{
    public int Rounds { get; private set; }

    public int Killed { get; private set; }

    /// <summary>Kills that left a temporary file: they landed between the write and the rename.</summary>
    public int LeftATemporary { get; private set; }

    /// <summary>Kills after which the change was already in place: they landed after the rename.</summary>
    public int ChangeLanded { get; private set; }

    public void Record(SpawnedRun run, bool leftATemporary, bool changeLanded)
    {
        schedule.Saw(run);
        Rounds++;
        if (!run.Killed)
        {
            return;
        }

        Killed++;
        LeftATemporary += leftATemporary ? 1 : 0;
        ChangeLanded += changeLanded ? 1 : 0;
    }

    /// <summary>Most rounds killed mid-run, so that the kills covered the run, not only its end.</summary>
    public void AssertMostRoundsKilled() =>
        Assert.That(Killed, Is.GreaterThan(Rounds / 2), $"most rounds must be killed mid-run: {this}");

    public override string ToString() =>
        $"{Rounds} rounds: {Killed} killed ({LeftATemporary} left a temporary file, {ChangeLanded} after the change landed), {Rounds - Killed} finished first";
}
