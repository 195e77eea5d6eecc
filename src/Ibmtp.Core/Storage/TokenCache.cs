using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ibmtp.Iam;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Serilog;

namespace Ibmtp.Storage;

/// <summary>
/// IAM tokens shared by every invocation of the helper, encrypted under a random key kept beside
/// them. Parallel pulls start many helpers at once; a cache lock makes exactly one of them ask IAM
/// while the others wait and then read its result. It is only a cache: anything damaged is dropped.
/// </summary>
public sealed class TokenCache(string folder, TimeProvider time, SecretRedactor redactor, ILogger log)
{
    private const string EntrySuffix = ".token";

    private string KeyFilePath => Path.Combine(folder, "cache.key");

    private string LockPath => Path.Combine(folder, "cache.lock");

    /// <summary>The token for <paramref name="cacheKey"/>: cached if fresh, else fetched once for all waiting processes.</summary>
    /// <param name="onStaleTokenServed">Told why a still-valid older token was handed out because IAM was unavailable.</param>
    public async Task<IamToken> GetOrFetchAsync(string cacheKey, Func<Task<IamToken>> fetch, Deadline deadline, Action<string> onStaleTokenServed)
    {
        var cached = TryRead(cacheKey);
        if (cached?.IsFresh(time.GetUtcNow()) == true)
        {
            log.Debug("token cache: hit");
            return cached;
        }

        PrivateFiles.EnsureFolder(folder);
        using var singleFlight = FileLock.Acquire(LockPath, deadline.Remaining);
        cached = TryRead(cacheKey);
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

        Write(cacheKey, token);
        PruneExpired();
        return token;
    }

    private IamToken? TryRead(string cacheKey)
    {
        var path = EntryPath(cacheKey);
        if (!File.Exists(path) || !File.Exists(KeyFilePath))
            return null;
        byte[]? plaintext = null;
        try
        {
            var entry = JsonSerializer.Deserialize(File.ReadAllBytes(path), CacheJsonContext.Default.CachedTokenEntry);
            if (entry?.Sealed is null || entry.Format != CachedTokenEntry.CurrentFormat)
                throw new JsonException("not a cache entry");
            plaintext = entry.Sealed.Open(KeyMaterial.ReadKeyFile(KeyFilePath).Key, AssociatedData(cacheKey));
            var payload = JsonSerializer.Deserialize(plaintext, CacheJsonContext.Default.CachedTokenPayload)
                ?? throw new JsonException("empty payload");
            return new IamToken(
                redactor.Protect(payload.AccessToken),
                DateTimeOffset.FromUnixTimeSeconds(payload.IssuedAt),
                DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt));
        }
        catch (Exception error) when (error is JsonException or CryptographicException or Protocol.HelperException or IOException)
        {
            log.Warning("token cache: dropping damaged entry {Path}: {Reason}", path, error.Message);
            TryDelete(path);
            return null;
        }
        finally
        {
            if (plaintext is not null)
                CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private void Write(string cacheKey, IamToken token)
    {
        var key = ReadOrReplaceKey();
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(new CachedTokenPayload
        {
            AccessToken = token.AccessToken,
            IssuedAt = token.IssuedAt.ToUnixTimeSeconds(),
            ExpiresAt = token.ExpiresAt.ToUnixTimeSeconds(),
        }, CacheJsonContext.Default.CachedTokenPayload);
        try
        {
            var entry = new CachedTokenEntry
            {
                Format = CachedTokenEntry.CurrentFormat,
                ExpiresAt = token.ExpiresAt.ToUnixTimeSeconds(),
                Sealed = SealedBox.Seal(key.Key, plaintext, AssociatedData(cacheKey)),
            };
            PrivateFiles.ReplaceAtomically(EntryPath(cacheKey), JsonSerializer.SerializeToUtf8Bytes(entry, CacheJsonContext.Default.CachedTokenEntry));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>A damaged cache key only costs the entries sealed with it, so it is replaced rather than reported.</summary>
    private KeyMaterial ReadOrReplaceKey()
    {
        try
        {
            return KeyMaterial.ReadOrCreateKeyFile(KeyFilePath);
        }
        catch (Protocol.HelperException)
        {
            log.Warning("token cache: replacing damaged key file {Path}", KeyFilePath);
            TryDelete(KeyFilePath);
            return KeyMaterial.ReadOrCreateKeyFile(KeyFilePath);
        }
    }

    /// <summary>Keeps the cache bounded: rotated keys and finished CI jobs leave entries nobody will ask for again.</summary>
    private void PruneExpired()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        foreach (var path in Directory.EnumerateFiles(folder, "*" + EntrySuffix))
        {
            try
            {
                var entry = JsonSerializer.Deserialize(File.ReadAllBytes(path), CacheJsonContext.Default.CachedTokenEntry);
                if (entry is null || entry.ExpiresAt <= now)
                    TryDelete(path);
            }
            catch (Exception error) when (error is JsonException or IOException)
            {
                TryDelete(path);
            }
        }
    }

    private string EntryPath(string cacheKey) => Path.Combine(folder, cacheKey + EntrySuffix);

    // Binds a sealed token to its entry name, so that a file renamed to another key does not open.
    private static byte[] AssociatedData(string cacheKey) => Encoding.UTF8.GetBytes($"ibmtp-token-cache/{cacheKey}");

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
