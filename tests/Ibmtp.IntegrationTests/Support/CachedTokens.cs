using Ibmtp.Files;
using Ibmtp.Tokens;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Plays out the life of the helper's cached tokens without waiting for it, and without moving the
/// helper's clock: the binary that ships is static, so no preloaded library can fake its time, and it
/// reads no setting that would. The times a token was issued and expires at are all the time the cache
/// keeps, so moving both back is exactly what the helper would find that much later.
/// </summary>
public static class CachedTokens
{
    /// <summary>
    /// Makes every token cached in <paramref name="home"/> <paramref name="age"/> old, with the lifetime it
    /// was given. The cache keeps whole seconds, so a token may come out up to a second older.
    /// </summary>
    public static void AgeTo(TestHome home, TimeSpan age)
    {
        var entries = Directory.Exists(home.CacheFolder()) ? Directory.GetFiles(home.CacheFolder(), "*.token") : [];
        Assert.That(entries, Is.Not.Empty, "no cached token to age: a get must cache one first");
        var key = KeyFile.Read(home.CacheKeyFile()) ?? throw new FileNotFoundException("the token cache has no key", home.CacheKeyFile());
        var issuedAt = DateTimeOffset.UtcNow - age;
        foreach (var entry in entries)
        {
            var associatedData = FileTokenCache.AssociatedData(Path.GetFileNameWithoutExtension(entry));
            var token = CachedTokenFile.Decode(File.ReadAllBytes(entry), key, associatedData);
            var aged = token with { IssuedAt = issuedAt, ExpiresAt = issuedAt + (token.ExpiresAt - token.IssuedAt) };
            PrivateFiles.ReplaceAtomically(entry, CachedTokenFile.Encode(aged, key, associatedData));
        }
    }
}
