using System.Text;
using Ibmtp.CloudIdentity;
using Ibmtp.Platform;

namespace Ibmtp.Tokens;

/// <summary>Runs a token exchange within the call's deadline, through the token cache.</summary>
/// <param name="cap">A caller's bound on <paramref name="timeout"/> (see <see cref="Deadline"/>).</param>
public sealed class TokenService(ITokenCache cache, TimeSpan timeout, TimeProvider time, Action<string> warnUser, TimeoutCap? cap = null)
{
    public IamToken Get(ITokenExchange exchange)
    {
        var cacheKey = CacheKey(exchange);
        if (cache.FreshToken(cacheKey) is { } fresh)
            return fresh;

        using var deadline = new Deadline(timeout, time, cap);
        // The protocol is one synchronous request per process; there is no caller to yield to.
        return cache.RefreshAsync(cacheKey, () => FetchUsableAsync(exchange, deadline), deadline, warnUser).GetAwaiter().GetResult();
    }

    /// <summary>A token that is over, or within the margin of being over, is refused before it is cached or handed out.</summary>
    private async Task<IamToken> FetchUsableAsync(ITokenExchange exchange, Deadline deadline)
    {
        var token = await exchange.FetchAsync(deadline).ConfigureAwait(false);
        return token.IsUsable(time.GetUtcNow())
            ? token
            : throw new IamUnavailableException(
                $"the {CredentialModes.All.Spelling(exchange.Mode)} exchange returned a token that expires at {token.ExpiresAt:u}, already over or within seconds of it; check this machine's clock");
    }

    /// <summary>
    /// SHA-256 of the exchange's identity, by BouncyCastle's managed digest: .NET's would start OpenSSL,
    /// which costs a cached get more than everything else it does.
    /// </summary>
    public static string CacheKey(ITokenExchange exchange) => CacheKey(exchange.Identity);

    /// <summary>The key of a token obtained otherwise (a person's session), from everything that decides it; its first part must be no mode's spelling.</summary>
    public static string CacheKey(IEnumerable<string> identityParts)
    {
        var identity = Encoding.UTF8.GetBytes(string.Join('\n', identityParts));
        var digest = new Org.BouncyCastle.Crypto.Digests.Sha256Digest();
        digest.BlockUpdate(identity, 0, identity.Length);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return Convert.ToHexStringLower(hash);
    }
}
