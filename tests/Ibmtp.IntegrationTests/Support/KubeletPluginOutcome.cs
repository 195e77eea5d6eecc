using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// What one image pull got from a credential provider, seen from the kubelet: the run itself, the response it
/// accepted, or why it pulls without the provider's credentials.
/// </summary>
/// <param name="Process">The provider's run; null when the kubelet did not run it.</param>
/// <param name="Failure">What the kubelet would log when it drops the run or its response; null when it accepted it.</param>
/// <param name="CachedFor">How long the kubelet keeps the response; zero when it does not keep it.</param>
public sealed record KubeletPluginOutcome(
    ProcessResult? Process,
    TimeSpan Elapsed,
    KubeletProviderResponse? Response,
    string? Failure,
    string? CacheKey,
    TimeSpan CachedFor)
{
    public bool Accepted => Response is not null && Failure is null;

    /// <summary>
    /// The logins the kubelet hands the container runtime for <paramref name="image"/>: the accepted response's
    /// auth entries whose key matches the image, in the order of the kubelet's keyring (keys sorted in reverse, so
    /// longer and non-wildcard keys come first). None after a failure.
    /// </summary>
    public IReadOnlyList<KubeletAuthConfig> CredentialsFor(string image) =>
        Accepted
            ? Response!.Auth
                .Select(entry => (Key: KeyringKey(entry.Key), entry.Value))
                .Where(entry => KubeletImageMatch.Matches(entry.Key, image))
                .OrderByDescending(entry => entry.Key, StringComparer.Ordinal)
                .Select(entry => entry.Value)
                .ToList()
            : [];

    /// <summary>The only login for <paramref name="image"/>, after checking the kubelet accepted the response.</summary>
    public KubeletAuthConfig SingleCredentialFor(string image)
    {
        Assert.That(Accepted, ToString());
        var credentials = CredentialsFor(image);
        Assert.That(credentials, Has.Count.EqualTo(1), $"one login must match {image}: {ToString()}");
        return credentials[0];
    }

    public override string ToString() =>
        $"provider {(Process is null ? "not run" : Process.ToString())}, {Elapsed.TotalSeconds:0.0} s; kubelet: {Failure ?? $"accepted, cache key {CacheKey}, kept {CachedFor}"}";

    /// <summary>As <c>BasicDockerKeyring.Add</c>: a scheme and a leading /v1/ or /v2/ are dropped from the key.</summary>
    private static string KeyringKey(string key)
    {
        var schemeless = key.StartsWith("https://", StringComparison.Ordinal) ? key["https://".Length..]
            : key.StartsWith("http://", StringComparison.Ordinal) ? key["http://".Length..]
            : key;
        var slash = schemeless.IndexOf('/');
        if (slash < 0)
        {
            return schemeless;
        }

        var path = schemeless[slash..];
        path = path.StartsWith("/v2/", StringComparison.Ordinal) || path.StartsWith("/v1/", StringComparison.Ordinal) ? path[3..] : path;
        return schemeless[..slash] + path;
    }
}
