using System.Security.Cryptography;
using System.Text;

namespace Ibmtp.Tokens;

/// <summary>Runs a token exchange within the call's deadline, through the token cache.</summary>
public sealed class TokenService(ITokenCache cache, TimeSpan timeout, TimeProvider time, Action<string> warnUser)
{
    public IamToken Get(ITokenExchange exchange)
    {
        var cacheKey = CacheKey(exchange);
        if (cache.FreshToken(cacheKey) is { } fresh)
            return fresh;

        using var deadline = new Deadline(timeout, time);
        // The protocol is one synchronous request per process; there is no caller to yield to.
        return cache.RefreshAsync(cacheKey, () => exchange.FetchAsync(deadline), deadline, warnUser).GetAwaiter().GetResult();
    }

    public static string CacheKey(ITokenExchange exchange) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', exchange.Identity))));
}
