using Ibmtp.Platform;

namespace Ibmtp.Tokens;

/// <summary>Where tokens are kept between calls: a shared file cache, or nothing when caching is off.</summary>
public interface ITokenCache
{
    /// <summary>A cached token with enough life left to hand out (<see cref="LeastLifeLeft"/>), or null. Synchronous and network-free: this is all a cached `get` runs.</summary>
    IamToken? FreshToken(string cacheKey);

    /// <summary>Whatever token is kept under the key, fresh or not, or null; for reporting, never for handing out.</summary>
    IamToken? Peek(string cacheKey);

    /// <summary>Drops whatever is kept under the key: a token of a session that has ended must not be handed out again.</summary>
    void Forget(string cacheKey);

    /// <summary>Fetches a new token, once for all processes waiting on the same cache, and keeps it.</summary>
    /// <param name="onStaleTokenServed">Told why a still-valid older token was handed out because a new one could not be had in time.</param>
    Task<IamToken> RefreshAsync(string cacheKey, Func<Task<IamToken>> fetch, Deadline deadline, Action<string> onStaleTokenServed);
}
