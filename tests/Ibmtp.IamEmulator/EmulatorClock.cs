namespace Ibmtp.Emulators;

/// <summary>
/// The time IAM and the metadata service issue their tokens at and check them against: the real time,
/// moved ahead by a test that plays out a token's life without waiting for it.
/// </summary>
internal sealed class EmulatorClock
{
    private long aheadTicks;

    public TimeSpan Ahead
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref aheadTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref aheadTicks, value.Ticks);
        }
    }

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow + Ahead;
}
