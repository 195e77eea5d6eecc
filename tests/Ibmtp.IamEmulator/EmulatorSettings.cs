namespace Ibmtp.Emulators;

/// <summary>Knobs a test turns while requests are in flight, so every read and write is atomic.</summary>
internal sealed class EmulatorSettings
{
    private long tokenLifetimeTicks = TimeSpan.FromHours(1).Ticks;
    private long delayTicks;
    private long passcodeLifetimeTicks = TimeSpan.FromMinutes(5).Ticks;
    private int metadataServer;
    private int singleUseRefreshTokens;

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

    /// <summary>
    /// How long a passcode of the passcode page stays good, on the emulator's clock. Five minutes by default: IBM does not
    /// say publicly how long its passcodes last.
    /// </summary>
    public TimeSpan PasscodeLifetime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref passcodeLifetimeTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            Interlocked.Exchange(ref passcodeLifetimeTicks, value.Ticks);
        }
    }

    /// <summary>
    /// Whether a refresh token dies once the refresh grant has used it. False by default: a used refresh token stays
    /// good until its session ends, and only the rotation to a new one each time is IAM's documented behaviour.
    /// </summary>
    public bool SingleUseRefreshTokens
    {
        get => Volatile.Read(ref singleUseRefreshTokens) != 0;
        set => Volatile.Write(ref singleUseRefreshTokens, value ? 1 : 0);
    }
}
