using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Ibmtp.Emulators;

/// <summary>
/// Mints JWT-shaped tokens and remembers every one until it is revoked, so later requests
/// (assume grant, metadata exchange, registry login) can tell a live token from anything else.
/// </summary>
internal sealed class IssuedTokens(EmulatorClock clock)
{
    // Nobody verifies these signatures; a random HMAC key only makes the tokens look like real JWTs.
    private readonly byte[] signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, IssuedToken> live = new(StringComparer.Ordinal);

    public IssuedToken Issue(IssuedTokenKind kind, string subject, string origin, TimeSpan lifetime) =>
        Issue(kind, subject, origin, lifetime, notAfter: DateTimeOffset.MaxValue, claims: null, sessionId: null);

    /// <param name="notAfter">When the token expires at the latest: a session's end may come before its lifetime's.</param>
    /// <param name="claims">Claims besides the usual ones, which they replace where the names meet (e.g. <c>sub</c>).</param>
    /// <param name="sessionId">The person's sign-in session the token belongs to, if any.</param>
    public IssuedToken Issue(IssuedTokenKind kind, string subject, string origin, TimeSpan lifetime, DateTimeOffset notAfter, JsonObject? claims, string? sessionId)
    {
        var issuedAt = clock.UtcNow;
        var expiresAt = issuedAt + lifetime < notAfter ? issuedAt + lifetime : notAfter;
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = "ibmtp-iam-emulator" };
        var payload = new JsonObject
        {
            ["iss"] = "ibmtp-iam-emulator",
            ["sub"] = subject,
            ["grant_type"] = origin,
            ["scope"] = "ibm openid",
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString(),
        };
        foreach (var (name, claim) in claims ?? [])
        {
            payload[name] = claim?.DeepClone();
        }

        var value = CompactJwt.Create(header, payload, data => HMACSHA256.HashData(signingKey, data));
        var token = new IssuedToken(value, kind, subject, origin, issuedAt, expiresAt) { SessionId = sessionId };
        live[value] = token;
        return token;
    }

    public bool TryGetLive(string value, IssuedTokenKind kind, [NotNullWhen(true)] out IssuedToken? token)
    {
        if (live.TryGetValue(value, out token) && token.Kind == kind && !token.IsExpiredAt(clock.UtcNow))
        {
            return true;
        }

        token = null;
        return false;
    }

    public bool Revoke(string value) => live.TryRemove(value, out _);

    public void RevokeAll() => live.Clear();
}
