using Ibmtp.Files;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Files;

/// <summary>The lock that queues writers. Waits run on a fake clock: each test takes no real time, and the time waited is exact.</summary>
[TestFixture]
public class FileLockTests : TempHomeFixture
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    // A waiting writer tries again every 5 to 30 ms.
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(30);

    private FastForwardClock _clock = null!;

    [SetUp]
    public void StartClock() => _clock = new FastForwardClock(Start);

    private string LockFile => Path.Combine(Home.Root, "keystore.lock");

    private TimeSpan Waited => _clock.GetUtcNow() - Start;

    [Test]
    public void A_writer_waits_the_whole_timeout_for_a_held_lock_then_fails_naming_the_lock_file()
    {
        using var held = FileLock.Acquire(LockFile, TimeSpan.Zero, _clock);

        var error = Assert.Throws<LockTimeoutException>(() => FileLock.Acquire(LockFile, TimeSpan.FromSeconds(10), _clock));

        Assert.That(error.Message, Is.EqualTo($"timed out after 10 s waiting for the lock {LockFile}: another docker-credential-ibmtp may be stuck; try again"));
        Assert.That(Waited, Is.InRange(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10) + LongestPause));
    }

    [Test]
    public void A_writer_takes_the_lock_once_its_holder_lets_go_without_waiting_out_its_timeout()
    {
        var held = FileLock.Acquire(LockFile, TimeSpan.Zero, _clock);
        using var letGo = new CancellationTokenSource(TimeSpan.FromSeconds(3), _clock);
        letGo.Token.Register(held.Dispose);

        using var taken = FileLock.Acquire(LockFile, TimeSpan.FromSeconds(10), _clock);

        Assert.That(Waited, Is.InRange(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) + LongestPause));
    }

    [Test]
    public void A_released_lock_is_taken_again_at_once()
    {
        FileLock.Acquire(LockFile, TimeSpan.Zero, _clock).Dispose();

        using var again = FileLock.Acquire(LockFile, TimeSpan.Zero, _clock);

        Assert.That(Waited, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void A_lock_file_that_cannot_be_opened_fails_at_once_rather_than_waiting_for_a_holder()
    {
        // A symlink loop fails to open with a plain I/O error, as a read-only file system does: waiting will not help.
        File.CreateSymbolicLink(LockFile, LockFile);

        Assert.Throws(Is.InstanceOf<IOException>(), () => FileLock.Acquire(LockFile, TimeSpan.FromSeconds(10), _clock));
        Assert.That(Waited, Is.EqualTo(TimeSpan.Zero));
    }
}
