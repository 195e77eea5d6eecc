using Ibmtp.Interop.Unix;
using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Files;

/// <summary>
/// An exclusive lock held through a lock file, so that concurrent <c>store</c>s from parallel
/// logins each see the others' entries. It is an advisory flock, which the kernel releases if the
/// process dies. The lock file is opened without following a link, so a planted link cannot make
/// the helper create or touch another file.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly SafeFileHandle _handle;

    private FileLock(SafeFileHandle handle) => _handle = handle;

    /// <param name="time">The clock the wait is measured and slept on.</param>
    public static FileLock Acquire(string path, TimeSpan timeout, TimeProvider time)
    {
        var deadline = time.GetUtcNow() + timeout;
        var handle = SafeOpen.OwnFile(path, OpenFlags.ReadWrite);
        try
        {
            // Only a lock held elsewhere goes away by waiting; any other failure is reported at once.
            int errno;
            while ((errno = UnixFiles.TryLockExclusive(handle)) != 0)
            {
                if (errno != Errno.WouldBlock)
                    throw UnixFiles.Failure(path, errno);
                if (time.GetUtcNow() >= deadline)
                    throw new LockTimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for the lock {path}: another {HelperInfo.Name} may be stuck; try again");
                Pause(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 30)), time);
            }
            return new FileLock(handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// On the real clock the thread sleeps: a timer's callback runs on the thread pool, which would be
    /// started in every one of the processes that wait at once (<c>bench/results.md</c>, 32 parallel
    /// cold gets). Any other clock is a test's, which moves on when the delay is asked of it.
    /// </summary>
    private static void Pause(TimeSpan pause, TimeProvider time)
    {
        if (ReferenceEquals(time, TimeProvider.System))
            Thread.Sleep(pause);
        else
            Task.Delay(pause, time).Wait();
    }

    public void Dispose() => _handle.Dispose();
}
