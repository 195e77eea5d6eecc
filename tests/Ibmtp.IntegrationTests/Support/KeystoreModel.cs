using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>A login as the kill tests track it; each version of a host has its own username, so `list` alone tells versions apart.</summary>
public sealed record TrackedLogin(string Username, string Secret)
{
    public static TrackedLogin New(string version) => new($"user-{version}", FakeCredentials.NewApiKey());
}

/// <summary>
/// What a keystore must hold, checked through the helper itself: after an interrupted change, each host
/// holds its old login or its new one, never an error, never a mix.
/// </summary>
public sealed class KeystoreModel(TestHome home)
{
    private readonly Dictionary<string, TrackedLogin> logins = new(StringComparer.Ordinal);
    private readonly HelperCli helper = new(home);

    public IReadOnlyDictionary<string, TrackedLogin> Logins => logins;

    public async Task StoreAsync(string host, TrackedLogin login)
    {
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync(host, login.Username, login.Secret));
        logins[host] = login;
    }

    /// <summary>
    /// Checks the files parse and every host answers its old or its new login (null: no login), then
    /// takes whichever the keystore holds as the model's. Returns whether <paramref name="host"/> now holds <paramref name="newLogin"/>.
    /// </summary>
    public async Task<bool> AssertOldOrNewAsync(string host, TrackedLogin? newLogin, string round)
    {
        AssertFilesParse(round);
        var listed = HelperOutput.List(await helper.ListAsync());
        var oldLogin = logins.GetValueOrDefault(host);
        var others = logins.Where(entry => entry.Key != host).ToDictionary(entry => entry.Key, entry => entry.Value.Username);
        Assert.That(listed.Where(entry => entry.Key != host).ToDictionary(), Is.EquivalentTo(others), $"{round}: every other entry must be as it was");

        var now = listed.TryGetValue(host, out var username)
            ? new[] { oldLogin, newLogin }.FirstOrDefault(login => login?.Username == username)
                ?? throw new AssertionException($"{round}: {host} lists username {username}, neither the old {oldLogin} nor the new {newLogin}")
            : null;
        if (now is null)
        {
            Assert.That(oldLogin is null || newLogin is null, $"{round}: {host} is missing, yet neither its old nor its new version is 'no login'");
        }

        foreach (var (each, expected) in others.Keys.Select(other => (other, (TrackedLogin?)logins[other])).Append((host, now)))
        {
            var get = await helper.GetAsync(each);
            if (expected is null)
            {
                HelperOutput.AssertNotFound(get);
            }
            else
            {
                Assert.That(HelperOutput.Credentials(get), Is.EqualTo((each, expected.Username, expected.Secret)), $"{round}: get {each}");
            }
        }

        if (now is null)
        {
            logins.Remove(host);
        }
        else
        {
            logins[host] = now;
        }

        return now == newLogin;
    }

    /// <summary>Whatever a kill left, each file of ours is whole: the keystore is its JSON envelope and the key has its 32 bytes.</summary>
    private void AssertFilesParse(string round)
    {
        if (File.Exists(home.KeystoreFile()))
        {
            var envelope = JsonNode.Parse(File.ReadAllBytes(home.KeystoreFile())) as JsonObject
                ?? throw new AssertionException($"{round}: keystore.json is not a JSON object");
            Assert.That(envelope.ContainsKey("format"), $"{round}: keystore.json lacks its format: {envelope.ToJsonString(new JsonSerializerOptions())}");
        }

        if (File.Exists(home.KeystoreKeyFile()))
        {
            Assert.That(new FileInfo(home.KeystoreKeyFile()).Length, Is.EqualTo(32), $"{round}: keystore.key must hold a whole key");
        }
    }
}
