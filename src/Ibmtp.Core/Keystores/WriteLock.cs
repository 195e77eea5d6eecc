using Ibmtp.Files;

namespace Ibmtp.Keystores;

/// <summary>
/// Serialises a keystore's writers across processes, as parallel logins run them, through a lock
/// file in the helper's own data folder, which is created owner-only if missing.
/// </summary>
public static class WriteLock
{
    public static FileLock Acquire(string folder, string fileName, TimeSpan timeout)
    {
        try
        {
            PrivateFiles.EnsureOwnFolder(folder);
        }
        catch (UnsafeFileException unsafeFolder)
        {
            throw new HelperException($"the keystore's folder is refused: {unsafeFolder.Message}");
        }
        // Writers are processes queued on a real file, so they wait on the real clock.
        return FileLock.Acquire(Path.Combine(folder, fileName), timeout, TimeProvider.System);
    }
}
