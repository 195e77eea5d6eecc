namespace Ibmtp.Files;

/// <summary>
/// An exclusive lock held through a lock file, so that concurrent <c>store</c>s from parallel
/// logins each see the others' entries. .NET takes an advisory flock for FileShare.None on Unix,
/// and the kernel releases it if the process dies.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream _handle;

    private FileLock(FileStream handle) => _handle = handle;

    public static FileLock Acquire(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileLock(PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite));
            }
            catch (IOException held) when (IsHeldByAnother(held) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(Random.Shared.Next(5, 30));
            }
            catch (IOException held) when (IsHeldByAnother(held))
            {
                throw new LockTimeoutException($"timed out after {timeout.TotalSeconds:0.#} s waiting for the lock {path}: another {HelperInfo.Name} may be stuck; try again");
            }
        }
    }

    // .NET reports the flock() of a lock held elsewhere with errno EWOULDBLOCK as the HResult. Only
    // that goes away by waiting; a read-only file system or a bad path is reported at once.
    private static bool IsHeldByAnother(IOException error) => error.HResult == (OperatingSystem.IsMacOS() ? 35 : 11);

    public void Dispose() => _handle.Dispose();
}
