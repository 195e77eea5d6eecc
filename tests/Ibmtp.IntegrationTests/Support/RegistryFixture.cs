using System.Text.Json;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A fixture whose tests share one registry, started before the first test and stopped after the last.
/// Its only user is a trusted profile ID with a fresh API key as password.
/// </summary>
/// <param name="clients">The clients the fixture drives besides skopeo, required before the registry starts.</param>
public abstract class RegistryFixture(params string[] clients)
{
    private readonly SharedRegistry registry = new();

    protected RegistryServer Registry => registry.Server;

    protected string ProfileId => Registry.Username;

    protected string ApiKey => Registry.Password;

    [OneTimeSetUp]
    public async Task StartRegistry()
    {
        foreach (var client in clients)
        {
            Peers.Require(client);
        }

        await registry.StartAsync(() => RegistryServer.StartAsync(FakeCredentials.TrustedProfileUsername, FakeCredentials.NewApiKey()));
    }

    [OneTimeTearDown]
    public async Task StopRegistry() => await registry.DisposeAsync();

    /// <summary>A test HOME whose helper is told to serve the registry; the caller names the helper in a client's config.</summary>
    protected TestHome HomeServingTheRegistry()
    {
        var home = new TestHome();
        home.Environment["IBMTP_REGISTRIES"] = Registry.Host;
        return home;
    }

    /// <summary>skopeo pushes a new image to <paramref name="repository"/> and inspects it back, with whatever credentials the helper hands it.</summary>
    protected async Task AssertSkopeoPushesAndInspects(TestHome home, string repository)
    {
        // A distinct image per test, so one test's push cannot make another's inspect pass.
        var image = OciImage.Write(home.Subdirectory("layout"), "v1", $"{repository} {Guid.NewGuid()}\n");
        var reference = $"{Registry.Host}/{repository}:v1";
        var skopeo = new Skopeo(home);

        var push = await skopeo.PushAsync(image, reference);
        var inspect = await skopeo.InspectAsync(reference);

        Assert.That(push.Succeeded, $"{push}\n{Registry.Log}");
        Assert.That(inspect.Succeeded, $"{inspect}\n{Registry.Log}");
        using var manifest = JsonDocument.Parse(inspect.StandardOutput);
        Assert.That(manifest.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(image.ManifestDigest));
    }
}
