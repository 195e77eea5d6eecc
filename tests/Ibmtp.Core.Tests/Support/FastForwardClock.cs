using Microsoft.Extensions.Time.Testing;

namespace Ibmtp.Tests.Support;

/// <summary>
/// A fake clock on which waiting takes no time: each wait set on it (a <c>Task.Delay</c>) ends as it
/// is set, the clock moving on to its end and firing whatever falls due on the way. A deadline (a
/// <see cref="CancellationTokenSource"/>'s timer) is not a wait: it passes as the waits add up. Code
/// that waits runs on it as it would for real, in no real time, and the time it took is exact.
/// </summary>
public sealed class FastForwardClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (state is not CancellationTokenSource && dueTime != Timeout.InfiniteTimeSpan)
            Advance(dueTime);
        return timer;
    }
}
