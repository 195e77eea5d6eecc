using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Ibmtp.Emulators;

/// <summary>Failures a test has queued for the next requests to the IAM token endpoint, served first in, first out.</summary>
internal sealed class FailureInjection
{
    private readonly ConcurrentQueue<InjectedFailure> pending = new();

    public void FailNext(int statusCode, int count, TimeSpan? retryAfter, InjectedBody? body = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            pending.Enqueue(new InjectedFailure(statusCode, retryAfter, body));
        }
    }

    public bool TryTakeNext([NotNullWhen(true)] out InjectedFailure? failure) => pending.TryDequeue(out failure);
}
