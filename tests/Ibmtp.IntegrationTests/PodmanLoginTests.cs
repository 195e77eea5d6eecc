using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// `podman login` stores the profile ID and API key through the helper named in the containers auth
/// file, skopeo later pushes with what was stored, and `podman logout` erases it.
/// podman 4.3.1 crashes when a logout's erase fails, so these tests only log out of a stored host.
/// </summary>
[TestFixture]
public sealed class PodmanLoginTests
{
    private RegistryServer registry = null!;

    private string ProfileId => registry.Username;

    private string ApiKey => registry.Password;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        Peers.Require("podman");
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
    public async Task PodmanLoginStoresThroughTheHelperSkopeoUsesItAndPodmanLogoutErasesIt()
    {
        using var home = new TestHome();
        home.Environment["IBMTP_REGISTRIES"] = registry.Host;
        home.WriteContainersAuth(registry.Host);
        using var calls = HelperInvocations.Install(home);
        var podman = new Podman(home);
        var helper = new HelperCli(home);

        // podman login: asks first, then stores, encrypted.
        var login = await podman.LoginAsync(registry.Host, ProfileId, ApiKey);
        Assert.That(login.Succeeded, $"{login}\n{registry.Log}");
        Assert.That(calls.Read().Select(call => call.Action), Does.Contain("store"), "podman must have stored through the helper");
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(new Dictionary<string, string> { [registry.Host] = ProfileId }));
        Assert.That(File.Exists(home.KeystoreFile()), "the keystore file should exist after a login");
        OwnerOnly.AssertTree(home.KeystoreFolder());
        Assert.That(home.FilesContainingSecret(ApiKey), Is.Empty, "the API key, plain or base64, in a file under HOME");
        var authFile = JsonNode.Parse(File.ReadAllText(home.ContainersAuthFile));
        Assert.That(authFile?["auths"]?[registry.Host], Is.Null, $"podman must not have written the login to the auth file: {authFile}");
        Assert.That(authFile?["credHelpers"]?[registry.Host]?.GetValue<string>(), Is.EqualTo("ibmtp"));

        // skopeo, with no credentials in the environment, pushes with what podman stored.
        var image = OciImage.Write(home.Subdirectory("layout"), "v1", $"podman login {Guid.NewGuid()}\n");
        var skopeo = new Skopeo(home);
        var push = await skopeo.PushAsync(image, $"{registry.Host}/podman/login:v1");
        var inspect = await skopeo.InspectAsync($"{registry.Host}/podman/login:v1");
        Assert.That(push.Succeeded, $"{push}\n{registry.Log}");
        Assert.That(inspect.Succeeded, $"{inspect}\n{registry.Log}");
        using (var manifest = JsonDocument.Parse(inspect.StandardOutput))
        {
            Assert.That(manifest.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(image.ManifestDigest));
        }

        // podman logout: erased, so the helper has nothing left for the registry.
        var logout = await podman.LogoutAsync(registry.Host);
        Assert.That(logout.Succeeded, logout.ToString());
        Assert.That(calls.Read().Select(call => call.Action), Does.Contain("erase"), "podman must have erased through the helper");
        HelperOutput.AssertNotFound(await helper.GetAsync(registry.Host));
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.Empty);

        var invocations = calls.Read();
        Assert.That(invocations.Select(call => call.Arguments.Count), Is.All.EqualTo(1), string.Join("\n", invocations));
        Assert.That(invocations.SelectMany(call => call.Arguments), Has.None.Contains(ApiKey));
        Assert.That(home.FilesContainingSecret(ApiKey), Is.Empty, "the API key, plain or base64, in a file under HOME after logout");
    }

    [Test]
    public async Task ARejectedPodmanLoginStoresNothing()
    {
        using var home = new TestHome();
        home.Environment["IBMTP_REGISTRIES"] = registry.Host;
        home.WriteContainersAuth(registry.Host);
        using var calls = HelperInvocations.Install(home);
        var wrongKey = FakeCredentials.NewApiKey();

        var login = await new Podman(home).LoginAsync(registry.Host, ProfileId, wrongKey);

        Assert.That(login.ExitCode, Is.Not.EqualTo(0), login.ToString());
        Assert.That(calls.Read().Select(call => call.Action), Has.None.EqualTo("store"));
        Assert.That(HelperOutput.List(await new HelperCli(home).ListAsync()), Is.Empty);
        Assert.That(home.FilesContainingSecret(wrongKey), Is.Empty);
    }
}
