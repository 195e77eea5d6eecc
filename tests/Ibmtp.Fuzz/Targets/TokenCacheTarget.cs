using Ibmtp.CloudIdentity;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Fuzz.Targets;

/// <summary>
/// The input as the cached token of a trusted profile, beside the right cache key, read by
/// TokenService as `get` reads it: the call gets a plausible token, a damaged entry is replaced by
/// the one fetched, and the cache key is kept.
/// </summary>
public sealed class TokenCacheTarget : IFuzzTarget
{
    private readonly FuzzHome _home = new();
    private readonly FixedExchange _exchange = new();

    private string EntryFile => Path.Combine(_home.Paths.CacheFolder, TokenService.CacheKey(_exchange) + ".token");

    private string KeyFile => Path.Combine(_home.Paths.CacheFolder, "cache.key");

    public void Check(byte[] input)
    {
        _home.Reset();
        FuzzHome.WritePrivate(EntryFile, input);
        var key = File.ReadAllBytes(KeyFile);
        var cache = new FileTokenCache(() => _home.Paths.CacheFolder, TimeProvider.System, HelperLog.Silent());

        var token = new TokenService(cache, TimeSpan.FromSeconds(10), TimeProvider.System, _ => { }).Get(_exchange);

        IssuedToken.RequirePlausible(token, "the token cache");
        if (cache.Peek(TokenService.CacheKey(_exchange))?.AccessToken.Equals(token.AccessToken) != true)
            throw new PropertyViolation("the token cache does not hold the token it handed out");
        if (!File.ReadAllBytes(KeyFile).AsSpan().SequenceEqual(key))
            throw new PropertyViolation("reading a cache entry replaced a sound cache key");
    }

    public void Dispose() => _home.Dispose();

    /// <summary>An exchange that IAM always answers at once with a fresh one-hour token.</summary>
    private sealed class FixedExchange : ITokenExchange
    {
        public CredentialMode Mode => CredentialMode.Token;

        public IEnumerable<string> Identity => ["fuzz"];

        public Task<IamToken> FetchAsync(Deadline deadline)
        {
            var now = TimeProvider.System.GetUtcNow();
            return Task.FromResult(new IamToken(new Secret("fuzz-fetched-token-0123"), now, now.AddHours(1)));
        }
    }
}
