using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>Proves the support classes work, independently of what the helper does.</summary>
[TestFixture]
public sealed class HarnessTests
{
    [Test]
    public async Task Registry_rejects_anonymous_access_and_accepts_its_user()
    {
        var apiKey = FakeCredentials.NewApiKey();
        await using var registry = await RegistryServer.StartAsync(FakeCredentials.TrustedProfileUsername, apiKey);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        using var anonymous = await http.GetAsync($"http://{registry.Host}/v2/");
        using var authenticated = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"http://{registry.Host}/v2/")
        {
            Headers = { Authorization = BasicAuthorization(registry.Username, registry.Password) },
        });

        Assert.Multiple(() =>
        {
            Assert.That(registry.Host, Does.StartWith("127.0.0.1:"));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(anonymous.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Basic"));
            Assert.That(authenticated.StatusCode, Is.EqualTo(HttpStatusCode.OK), registry.Log);
        });
    }

    [Test]
    public async Task Oci_layout_is_a_valid_image()
    {
        using var directory = new TempDirectory("ibmtp-oci");
        var image = OciImage.Write(directory.Subdirectory("layout"), "v1");

        var inspect = await new Skopeo(MinimalEnvironment(directory), Path.Combine(directory.Path, "auth.json")).InspectAsync(image);

        Assert.That(inspect.Succeeded, inspect.ToString());
        Assert.That(DigestOf(inspect), Is.EqualTo(image.ManifestDigest));
    }

    [Test]
    public async Task Oci_layout_pushes_to_the_registry_with_plain_credentials()
    {
        var apiKey = FakeCredentials.NewApiKey();
        await using var registry = await RegistryServer.StartAsync(FakeCredentials.TrustedProfileUsername, apiKey);
        using var directory = new TempDirectory("ibmtp-push");
        var image = OciImage.Write(directory.Subdirectory("layout"), "v1");
        var authFile = Path.Combine(directory.Path, "auth.json");
        await File.WriteAllTextAsync(authFile, PlainAuthFile(registry));
        var skopeo = new Skopeo(MinimalEnvironment(directory), authFile);

        var push = await skopeo.PushAsync(image, $"{registry.Host}/harness/smoke:v1");
        var inspect = await skopeo.InspectAsync($"{registry.Host}/harness/smoke:v1");

        Assert.That(push.Succeeded, $"{push}\n{registry.Log}");
        Assert.That(inspect.Succeeded, $"{inspect}\n{registry.Log}");
        Assert.That(DigestOf(inspect), Is.EqualTo(image.ManifestDigest));
    }

    [Test]
    public async Task Test_home_puts_the_published_helper_first_on_path()
    {
        using var home = new TestHome();

        var version = await new HelperCli(home).RunAsync("version");

        Assert.That(home.Environment["PATH"], Does.StartWith(home.BinDirectory + ":"));
        Assert.That(version.Succeeded, version.ToString());
        Assert.That(version.StandardOutput, Does.Contain("docker-credential-ibmtp"));
    }

    private static Dictionary<string, string> MinimalEnvironment(TempDirectory directory) => new()
    {
        ["PATH"] = "/usr/bin:/bin",
        ["HOME"] = directory.Path,
        ["TMPDIR"] = directory.Subdirectory("tmp"),
    };

    private static string PlainAuthFile(RegistryServer registry) => new JsonObject
    {
        ["auths"] = new JsonObject
        {
            [registry.Host] = new JsonObject { ["auth"] = BasicAuthorization(registry.Username, registry.Password).Parameter },
        },
    }.ToJsonString();

    private static AuthenticationHeaderValue BasicAuthorization(string username, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    private static string? DigestOf(ProcessResult inspect) =>
        JsonDocument.Parse(inspect.StandardOutput).RootElement.GetProperty("Digest").GetString();
}
