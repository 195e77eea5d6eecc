using System.Diagnostics;
using Ibmtp.Files;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Files;

[TestFixture]
public class FileLockTests : TempHomeFixture
{
    [Test]
    public void A_held_lock_makes_another_writer_time_out_with_a_message_naming_the_lock_file()
    {
        var path = Path.Combine(Home.Root, "keystore.lock");
        using var held = FileLock.Acquire(path, TimeSpan.FromSeconds(1));

        var error = Assert.Throws<LockTimeoutException>(() => FileLock.Acquire(path, TimeSpan.FromMilliseconds(200)));

        Assert.That(error.Message, Does.Contain(path));
    }

    [Test]
    public void A_released_lock_can_be_taken_again()
    {
        var path = Path.Combine(Home.Root, "keystore.lock");
        FileLock.Acquire(path, TimeSpan.FromSeconds(1)).Dispose();

        using var again = FileLock.Acquire(path, TimeSpan.FromMilliseconds(200));

        Assert.That(path, Does.Exist);
    }

    [Test]
    public void A_lock_file_that_cannot_be_opened_fails_at_once_rather_than_waiting_for_a_holder()
    {
        // A symlink loop fails to open with a plain I/O error, as a read-only file system does: waiting will not help.
        var path = Path.Combine(Home.Root, "keystore.lock");
        File.CreateSymbolicLink(path, path);
        var clock = Stopwatch.StartNew();

        Assert.Throws(Is.InstanceOf<IOException>(), () => FileLock.Acquire(path, TimeSpan.FromSeconds(10)));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }
}
