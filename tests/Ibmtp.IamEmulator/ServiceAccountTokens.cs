using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Ibmtp.Emulators;

/// <summary>
/// Stands in for the clusters' token issuers: mints projected service-account tokens shaped like the
/// kube-apiserver's (issuer, audience, <c>kubernetes.io</c> namespace and service-account claims) and
/// remembers them, so the cr-token grant can tell a token a cluster issued from anything else, as
/// IAM does by checking the signature against the cluster's keys.
/// </summary>
internal sealed class ServiceAccountTokens
{
    /// <summary>The audience IAM accepts: pods project their token with <c>audience: iam</c>.</summary>
    public const string IamAudience = "iam";

    private readonly byte[] signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, Issued> live = new(StringComparer.Ordinal);

    public string Issue(KubernetesServiceAccount account, string audience, TimeSpan lifetime)
    {
        var issuedAt = DateTimeOffset.UtcNow;
        var expiresAt = issuedAt + lifetime;
        var header = new JsonObject { ["alg"] = "HS256", ["kid"] = account.Cluster };
        var payload = new JsonObject
        {
            ["aud"] = new JsonArray(audience),
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
            ["iss"] = account.Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = new JsonObject
            {
                ["namespace"] = account.Namespace,
                ["serviceaccount"] = new JsonObject { ["name"] = account.Name, ["uid"] = account.Uid },
            },
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["sub"] = account.Subject,
        };
        var value = CompactJwt.Create(header, payload, data => HMACSHA256.HashData(signingKey, data));
        live[value] = new Issued(account, audience, expiresAt);
        return value;
    }

    /// <summary>The service account <paramref name="value"/> speaks for, if a cluster issued it for IAM and it has not expired.</summary>
    public bool TryGetLiveForIam(string value, [NotNullWhen(true)] out KubernetesServiceAccount? account)
    {
        account = live.TryGetValue(value, out var issued) && issued.Audience == IamAudience && DateTimeOffset.UtcNow < issued.ExpiresAt
            ? issued.Account
            : null;
        return account is not null;
    }

    private sealed record Issued(KubernetesServiceAccount Account, string Audience, DateTimeOffset ExpiresAt);
}
