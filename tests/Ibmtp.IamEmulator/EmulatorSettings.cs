namespace Ibmtp.Emulators;

/// <summary>Knobs a test turns while requests are in flight, so every read and write is atomic.</summary>
internal sealed class EmulatorSettings
{
    private long tokenLifetimeTicks = TimeSpan.FromHours(1).Ticks;
    private long delayTicks;

    public TimeSpan TokenLifetime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref tokenLifetimeTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            Interlocked.Exchange(ref tokenLifetimeTicks, value.Ticks);
        }
    }

    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref delayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref delayTicks, value.Ticks);
        }
    }
}
