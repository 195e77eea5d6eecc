using System.Security.Cryptography;
using System.Text;
using Ibmtp.Storage;

namespace Ibmtp.Iam;

/// <summary>Runs a token exchange within the call's deadline, through the shared cache unless it is disabled.</summary>
/// <param name="cache">Lazy, so that its folder is only worked out when a token is needed; null when disabled.</param>
public sealed class TokenService(Lazy<TokenCache>? cache, TimeSpan timeout, TimeProvider time, Action<string> warnUser)
{
    public IamToken Get(ITokenExchange exchange)
    {
        var cacheKey = cache is null ? null : CacheKey(exchange);
        if (cacheKey is not null && cache!.Value.FreshToken(cacheKey) is { } fresh)
            return fresh;

        using var deadline = new Deadline(timeout, time);
        var fetch = () => exchange.FetchAsync(deadline);
        var token = cacheKey is null ? fetch() : cache!.Value.RefreshAsync(cacheKey, fetch, deadline, warnUser);
        // The protocol is one synchronous request per process; there is no caller to yield to.
        return token.GetAwaiter().GetResult();
    }

    public static string CacheKey(ITokenExchange exchange) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', exchange.Identity))));
}
