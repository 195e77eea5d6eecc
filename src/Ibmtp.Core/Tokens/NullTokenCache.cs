using Ibmtp.Platform;

namespace Ibmtp.Tokens;

/// <summary>Caching turned off (IBMTP_NO_CACHE): nothing is kept, every call fetches.</summary>
public sealed class NullTokenCache : ITokenCache
{
    public static readonly NullTokenCache Instance = new();

    private NullTokenCache()
    {
    }

    public IamToken? FreshToken(string cacheKey) => null;

    public IamToken? Peek(string cacheKey) => null;

    public void Forget(string cacheKey)
    {
    }

    public Task<IamToken> RefreshAsync(string cacheKey, Func<Task<IamToken>> fetch, Deadline deadline, Action<string> onStaleTokenServed) => fetch();
}
