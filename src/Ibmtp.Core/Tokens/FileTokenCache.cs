using System.Security.Cryptography;
using System.Text;
using Ibmtp.Files;
using Ibmtp.Logging;
using Ibmtp.Platform;

namespace Ibmtp.Tokens;

/// <summary>
/// IAM tokens shared by every invocation of the helper, encrypted under a random key kept beside
/// them. Parallel pulls start many helpers at once; one cache-wide lock makes exactly one of them ask
/// IAM while the others wait and then read its result (refreshes for different keys wait for each
/// other too, which costs little next to simplicity). It is only a cache: anything damaged is dropped.
/// </summary>
/// <param name="locateFolder">Worked out on first use, so a call that needs no token never needs the folder (or HOME).</param>
public sealed class FileTokenCache(Func<string> locateFolder, TimeProvider time, UntracedLogger log) : ITokenCache
{
    private const string EntrySuffix = ".token";

    private readonly Lazy<string> _folder = new(locateFolder);

    private string Folder => _folder.Value;

    private string KeyFilePath => Path.Combine(Folder, "cache.key");

    private string LockPath => Path.Combine(Folder, "cache.lock");

    public IamToken? FreshToken(string cacheKey) =>
        TryRead(cacheKey) is { } cached && cached.IsFresh(time.GetUtcNow()) ? cached : null;

    public IamToken? Peek(string cacheKey) => TryRead(cacheKey);

    public void Forget(string cacheKey)
    {
        if (File.Exists(EntryPath(cacheKey)))
            TryDelete(EntryPath(cacheKey));
    }

    public async Task<IamToken> RefreshAsync(string cacheKey, Func<Task<IamToken>> fetch, Deadline deadline, Action<string> onStaleTokenServed)
    {
        FileLock? singleFlight;
        IamToken? stale;
        try
        {
            PrivateFiles.EnsureOwnFolder(Folder);
            singleFlight = AcquireOrServeStale(cacheKey, deadline, onStaleTokenServed, out stale);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The cache only saves IAM calls: where it cannot be kept (a read-only home in a pod, say), do without it.
            log.Debug("token cache: {Folder} cannot be used ({Reason}); fetching without the cache", Folder, error.Message);
            return await fetch().ConfigureAwait(false);
        }
        using var held = singleFlight;
        if (held is not null)
            PrivateFiles.DeleteLeftoverTemporaries(Folder);
        if (stale is not null)
            return stale;
        var cached = TryRead(cacheKey);
        if (cached?.IsFresh(time.GetUtcNow()) == true)
        {
            log.Debug("token cache: filled by another process while waiting");
            return cached;
        }

        IamToken token;
        try
        {
            token = await fetch().ConfigureAwait(false);
        }
        catch (IamUnavailableException unavailable) when (cached?.IsUsable(time.GetUtcNow()) == true)
        {
            onStaleTokenServed($"{unavailable.Message}; using the cached token, valid until {cached.ExpiresAt:u}");
            return cached;
        }

        try
        {
            Write(cacheKey, token);
            PruneExpired();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The token is good; a cache that cannot be written only costs the next call a fetch.
            log.Warning("token cache: could not keep the token: {Reason}", error.Message);
        }
        return token;
    }

    /// <summary>
    /// Waits for the process that is fetching. If it takes longer than this call may wait, a still
    /// valid cached token is better than failing the pull.
    /// </summary>
    private FileLock? AcquireOrServeStale(string cacheKey, Deadline deadline, Action<string> onStaleTokenServed, out IamToken? stale)
    {
        stale = null;
        try
        {
            return FileLock.Acquire(LockPath, deadline.Remaining, time);
        }
        catch (LockTimeoutException waited) when (TryRead(cacheKey) is { } cached && cached.IsUsable(time.GetUtcNow()))
        {
            onStaleTokenServed($"{waited.Message}; using the cached token, valid until {cached.ExpiresAt:u}");
            stale = cached;
            return null;
        }
    }

    private IamToken? TryRead(string cacheKey)
    {
        var path = EntryPath(cacheKey);
        if (!File.Exists(path) || !File.Exists(KeyFilePath))
            return null;
        try
        {
            var key = KeyFile.Read(KeyFilePath) ?? throw new FileNotFoundException("the cache key vanished", KeyFilePath);
            return CachedTokenFile.Decode(BoundedFile.ReadAllBytes(path, CachedTokenFile.LargestFile, Links.Refuse), key, AssociatedData(cacheKey));
        }
        catch (FileNotFoundException)
        {
            return null; // pruned by another process between the check and the read
        }
        catch (Exception error) when (error is FormatException or CryptographicException or InvalidDataException or IOException)
        {
            log.Warning("token cache: dropping damaged entry {Path}: {Reason}", path, error.Message);
            TryDelete(path);
            return null;
        }
    }

    private void Write(string cacheKey, IamToken token) =>
        PrivateFiles.ReplaceAtomically(EntryPath(cacheKey), CachedTokenFile.Encode(token, ReadOrReplaceKey(), AssociatedData(cacheKey)));

    /// <summary>A damaged cache key only costs the entries sealed with it, so it is replaced rather than reported.</summary>
    private byte[] ReadOrReplaceKey()
    {
        try
        {
            return KeyFile.ReadOrCreate(KeyFilePath);
        }
        catch (Exception error) when (error is InvalidDataException or UnsafeFileException)
        {
            // The cache holds nothing that cannot be fetched again, so a key in doubt is replaced, not reported.
            log.Warning("token cache: replacing key file {Path}: {Reason}", KeyFilePath, error.Message);
            TryDelete(KeyFilePath);
            return KeyFile.ReadOrCreate(KeyFilePath);
        }
    }

    /// <summary>Keeps the cache bounded: rotated keys and finished CI jobs leave entries nobody will ask for again.</summary>
    private void PruneExpired()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var path in Directory.EnumerateFiles(Folder, "*" + EntrySuffix))
        {
            try
            {
                if (CachedTokenFile.ExpiresAt(BoundedFile.ReadAllBytes(path, CachedTokenFile.LargestFile, Links.Refuse)) <= now)
                    TryDelete(path);
            }
            catch (Exception error) when (error is FormatException or InvalidDataException or IOException)
            {
                TryDelete(path);
            }
        }
    }

    private string EntryPath(string cacheKey) => Path.Combine(Folder, cacheKey + EntrySuffix);

    // Binds a sealed token to its entry name, so that a file renamed to another key does not open.
    internal static byte[] AssociatedData(string cacheKey) => Encoding.UTF8.GetBytes($"ibmtp-token-cache/{cacheKey}");

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another process got there first; either way the entry is gone.
        }
    }
}
