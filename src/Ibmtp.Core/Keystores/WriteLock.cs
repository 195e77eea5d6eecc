using Ibmtp.Files;

namespace Ibmtp.Keystores;

/// <summary>
/// The one lock every keystore's writers take, across processes, as parallel logins run them: the lock
/// file <c>keystore.lock</c> in the helper's own data folder, created owner-only if missing. The stores
/// one call opens share one instance, used by that call's thread only; holding it again while it is
/// held only counts, so a caller can hold it across a read and the store's write that depends on it.
/// </summary>
/// <param name="folder">The data folder, asked for only when the lock is first taken: a store that is only read needs none.</param>
public sealed class WriteLock(Func<string> folder)
{
    public const string FileName = "keystore.lock";

    // pass runs gpg, and git when the store is a repository: tenths of a second per writer, so twenty
    // parallel logins queue for seconds.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private FileLock? _held;
    private int _holders;

    /// <summary>Holds the lock until the answer is disposed, waiting for another process's writer first.</summary>
    public IDisposable Hold()
    {
        if (_holders == 0)
            _held = Acquire(folder());
        _holders++;
        return new Holding(this);
    }

    private static FileLock Acquire(string folder)
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
        return FileLock.Acquire(Path.Combine(folder, FileName), Timeout, TimeProvider.System);
    }

    private void Release()
    {
        if (--_holders > 0)
            return;
        _held?.Dispose();
        _held = null;
    }

    private sealed class Holding(WriteLock writeLock) : IDisposable
    {
        private bool _released;

        public void Dispose()
        {
            if (_released)
                return;
            _released = true;
            writeLock.Release();
        }
    }
}
