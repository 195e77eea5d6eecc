using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// `docker login` (the CLI checks the password itself, no daemon) stores the profile ID and API key
/// through the helper, skopeo later pushes with what was stored, and `docker logout` erases it.
/// </summary>
[TestFixture]
public sealed class DockerLoginTests
{
    private RegistryServer registry = null!;

    private string ProfileId => registry.Username;

    private string ApiKey => registry.Password;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        Peers.Require("docker");
        registry = await RegistryServer.StartAsync(FakeCredentials.TrustedProfileUsername, FakeCredentials.NewApiKey());
    }

    [OneTimeTearDown]
    public async Task StopRegistry()
    {
        if (registry is not null)
        {
            await registry.DisposeAsync();
        }
    }

    [Test]
    public async Task DockerLoginStoresThroughTheHelperSkopeoUsesItAndDockerLogoutErasesIt()
    {
        using var home = new TestHome();
        home.Environment["IBMTP_REGISTRIES"] = registry.Host;
        home.WriteDockerConfig(registry.Host);
        using var calls = HelperInvocations.Install(home);
        var docker = new DockerCli(home);
        var helper = new HelperCli(home);

        // docker login: the helper's store keeps the login, encrypted.
        var login = await docker.LoginAsync(registry.Host, ProfileId, ApiKey);
        Assert.That(login.Succeeded, $"{login}\n{registry.Log}");
        Assert.That(calls.Read().Select(call => call.Action), Does.Contain("store"), "docker must have stored through the helper");
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(new Dictionary<string, string> { [registry.Host] = ProfileId }));
        Assert.That(File.Exists(home.KeystoreFile()), "the keystore file should exist after a login");
        OwnerOnly.AssertTree(home.KeystoreFolder());
        Assert.That(home.FilesContainingSecret(ApiKey), Is.Empty, "the API key, plain or base64, in a file under HOME");
        Assert.That(AuthsEntryOf(home.DockerConfigFile, registry.Host)?["auth"], Is.Null, "docker must not have written the secret to config.json");

        // skopeo, with no credentials in the environment, pushes with what docker stored.
        var image = OciImage.Write(home.Subdirectory("layout"), "v1", $"docker login {Guid.NewGuid()}\n");
        var skopeo = new Skopeo(home);
        var push = await skopeo.PushAsync(image, $"{registry.Host}/docker/login:v1");
        var inspect = await skopeo.InspectAsync($"{registry.Host}/docker/login:v1");
        Assert.That(push.Succeeded, $"{push}\n{registry.Log}");
        Assert.That(inspect.Succeeded, $"{inspect}\n{registry.Log}");
        using (var manifest = JsonDocument.Parse(inspect.StandardOutput))
        {
            Assert.That(manifest.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(image.ManifestDigest));
        }

        // docker logout: erased, so the helper has nothing left for the registry.
        var logout = await docker.LogoutAsync(registry.Host);
        Assert.That(logout.Succeeded, logout.ToString());
        Assert.That(calls.Read().Select(call => call.Action), Does.Contain("erase"), "docker must have erased through the helper");
        HelperOutput.AssertNotFound(await helper.GetAsync(registry.Host));
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.Empty);

        // However docker called the helper, it passed the action alone and never the secret.
        var invocations = calls.Read();
        Assert.That(invocations.Select(call => call.Arguments.Count), Is.All.EqualTo(1), string.Join("\n", invocations));
        Assert.That(invocations.SelectMany(call => call.Arguments), Has.None.Contains(ApiKey));
        Assert.That(home.FilesContainingSecret(ApiKey), Is.Empty, "the API key, plain or base64, in a file under HOME after logout");
    }

    [Test]
    public async Task ARejectedDockerLoginStoresNothing()
    {
        using var home = new TestHome();
        home.Environment["IBMTP_REGISTRIES"] = registry.Host;
        home.WriteDockerConfig(registry.Host);
        using var calls = HelperInvocations.Install(home);
        var wrongKey = FakeCredentials.NewApiKey();

        var login = await new DockerCli(home).LoginAsync(registry.Host, ProfileId, wrongKey);

        Assert.That(login.ExitCode, Is.Not.EqualTo(0), login.ToString());
        Assert.That(calls.Read().Select(call => call.Action), Has.None.EqualTo("store"));
        Assert.That(HelperOutput.List(await new HelperCli(home).ListAsync()), Is.Empty);
        Assert.That(home.FilesContainingSecret(wrongKey), Is.Empty);
    }

    private static JsonNode? AuthsEntryOf(string configFile, string host) =>
        JsonNode.Parse(File.ReadAllText(configFile))?["auths"]?[host];
}
