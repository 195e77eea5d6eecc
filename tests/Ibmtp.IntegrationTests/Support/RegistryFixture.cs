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

    /// <summary>
    /// A test HOME set up as a user would: REGISTRY_AUTH_FILE unset, and `docker-credential-ibmtp
    /// configure` run for the registry, so every client's files name the helper.
    /// </summary>
    protected TestHome HomeConfiguredByTheHelper()
    {
        var home = HomeServingTheRegistry();
        ConfigureAsAUserWould(home, Registry.Host);
        return home;
    }

    /// <summary>Unsets REGISTRY_AUTH_FILE and runs `configure --registries <paramref name="host"/>`, which must succeed.</summary>
    protected static void ConfigureAsAUserWould(TestHome home, string host)
    {
        home.Environment.Remove("REGISTRY_AUTH_FILE");
        var configure = new HelperCli(home).RunWithArgumentsAsync("configure", "--registries", host).GetAwaiter().GetResult();
        Assert.That(configure.Succeeded, configure.ToString());
    }

    /// <summary>skopeo pushes a new image to <paramref name="repository"/> and inspects it back, with whatever credentials the helper hands it.</summary>
    protected async Task AssertSkopeoPushesAndInspects(TestHome home, string repository)
    {
        // A distinct image per test, so one test's push cannot make another's inspect pass.
        var image = OciImage.Write(home.Subdirectory("layout"), "v1", $"{repository} {Guid.NewGuid()}\n");
        var reference = $"{Registry.Host}/{repository}:v1";
        var skopeo = new Skopeo(home);


        await skopeo.AssertPushesAndInspectsAsync(image, reference, () => Registry.Log);
    }
}
