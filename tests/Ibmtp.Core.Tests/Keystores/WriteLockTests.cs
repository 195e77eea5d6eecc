using Ibmtp.Files;
using Ibmtp.Keystores;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Keystores;

[TestFixture]
public class WriteLockTests : TempHomeFixture
{
    private string LockFile => Path.Combine(Home.Paths.DataFolder, WriteLock.FileName);

    private bool HeldElsewhere()
    {
        try
        {
            FileLock.Acquire(LockFile, TimeSpan.Zero, TimeProvider.System).Dispose();
            return false;
        }
        catch (LockTimeoutException)
        {
            return true;
        }
    }

    [Test]
    public void Holding_it_again_while_it_is_held_only_counts_and_it_is_free_once_every_hold_is_released()
    {
        var writes = new WriteLock(() => Home.Paths.DataFolder);

        var outer = writes.Hold();
        var inner = writes.Hold();
        inner.Dispose();
        var stillHeld = HeldElsewhere();
        outer.Dispose();

        Assert.That(stillHeld, Is.True, "the outer hold still holds it");
        Assert.That(HeldElsewhere(), Is.False);
    }

    [Test]
    public void A_hold_released_twice_releases_it_once()
    {
        var writes = new WriteLock(() => Home.Paths.DataFolder);
        var outer = writes.Hold();
        var inner = writes.Hold();

        inner.Dispose();
        inner.Dispose();

        Assert.That(HeldElsewhere(), Is.True);
        outer.Dispose();
    }

    [Test]
    public void The_data_folder_is_asked_for_only_when_the_lock_is_taken()
    {
        var asked = 0;

        var writes = new WriteLock(() =>
        {
            asked++;
            return Home.Paths.DataFolder;
        });

        Assert.That(asked, Is.Zero);
        writes.Hold().Dispose();
        Assert.That(asked, Is.EqualTo(1));
    }
}
