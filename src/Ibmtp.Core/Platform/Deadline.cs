namespace Ibmtp.Platform;

/// <summary>
/// The one time budget of a call (IBMTP_TIMEOUT): waiting for another process, every attempt and
/// every back-off share it, because docker waits on us and must never hang.
/// </summary>
public sealed class Deadline : IDisposable
{
    private readonly TimeProvider _time;
    private CancellationTokenSource? _expiry;

    public Deadline(TimeSpan timeout, TimeProvider time)
    {
        Timeout = timeout;
        _time = time;
        End = time.GetUtcNow() + timeout;
    }

    public TimeSpan Timeout { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Remaining => End - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Cancelled at the deadline. Created on first use: a get served from the cache never needs its timer thread.</summary>
    public CancellationToken Token => (_expiry ??= new CancellationTokenSource(Remaining, _time)).Token;

    public void Dispose() => _expiry?.Dispose();
}
