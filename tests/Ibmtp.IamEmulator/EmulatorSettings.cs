namespace Ibmtp.Emulators;

/// <summary>Knobs a test turns while requests are in flight, so every read and write is atomic.</summary>
internal sealed class EmulatorSettings
{
    private long tokenLifetimeTicks = TimeSpan.FromHours(1).Ticks;
    private long delayTicks;
    private int metadataServer;

    public MetadataServer MetadataServer
    {
        get => (MetadataServer)Volatile.Read(ref metadataServer);
        set => Volatile.Write(ref metadataServer, (int)value);
    }

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
