namespace Ibmtp.Platform;

/// <summary>
/// The one time budget of a call (IBMTP_TIMEOUT): waiting for another process, every attempt and
/// every back-off share it, because docker waits on us and must never hang.
/// </summary>
public sealed class Deadline : IDisposable
{
    private readonly TimeProvider _time;
    private CancellationTokenSource? _expiry;

    /// <param name="cap">A caller's bound on <paramref name="timeout"/>, if any.</param>
    public Deadline(TimeSpan timeout, TimeProvider time, TimeoutCap? cap = null)
    {
        CappedBy = cap is not null && cap.Longest < timeout ? cap : null;
        Timeout = CappedBy?.Longest ?? timeout;
        _time = time;
        End = time.GetUtcNow() + Timeout;
    }

    public TimeSpan Timeout { get; }

    /// <summary>The cap that set this deadline, shorter than IBMTP_TIMEOUT asked; null when the setting did.</summary>
    public TimeoutCap? CappedBy { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Remaining => End - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    /// <summary>Cancelled at the deadline. Created on first use: a get served from the cache never needs its timer thread.</summary>
    public CancellationToken Token => (_expiry ??= new CancellationTokenSource(Remaining, _time)).Token;

    public void Dispose() => _expiry?.Dispose();
}
