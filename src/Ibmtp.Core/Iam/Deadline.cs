namespace Ibmtp.Iam;

/// <summary>
/// The one time budget of a call (IBMTP_TIMEOUT): waiting for another process, every attempt and
/// every back-off share it, because docker waits on us and must never hang.
/// </summary>
public sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _expiry;
    private readonly TimeProvider _time;

    public Deadline(TimeSpan timeout, TimeProvider time)
    {
        Timeout = timeout;
        _time = time;
        End = time.GetUtcNow() + timeout;
        _expiry = new CancellationTokenSource(timeout, time);
    }

    public TimeSpan Timeout { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Remaining => End - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    public CancellationToken Token => _expiry.Token;

    public void Dispose() => _expiry.Dispose();
}
