using Ibmtp.Files;
using Ibmtp.Keystores.EncryptedFile;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

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
}
