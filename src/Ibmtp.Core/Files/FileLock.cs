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

    // A missing folder or a bad path will not go away by waiting; only a lock held elsewhere will.
    private static bool IsHeldByAnother(IOException error) =>
        error is not (DirectoryNotFoundException or FileNotFoundException or PathTooLongException);

    public void Dispose() => _handle.Dispose();
}
