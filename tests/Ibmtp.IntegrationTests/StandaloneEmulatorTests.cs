using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The emulator as its own process, as bench/world.sh runs it for the vpc scenarios: the <c>/_emulator</c>
/// endpoints stand in for the C# controls, the machine its VPC metadata service stands for included.
/// </summary>
[TestFixture]
public sealed class StandaloneEmulatorTests
{
    private const string ProfileId = "Profile-00000000-0000-4000-8000-0000000000aa";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private Process? emulator;
    private HttpClient admin = null!;
    private Uri baseUrl = null!;

    [OneTimeSetUp]
    public async Task StartEmulatorAsync()
    {
        emulator = Process.Start(new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "Ibmtp.IamEmulator"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start the emulator");
        var listening = await emulator.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout);
        Assert.That(listening, Does.StartWith("listening http://127.0.0.1:"));
        baseUrl = new Uri(listening!["listening ".Length..]);
        admin = new HttpClient { BaseAddress = new Uri(baseUrl, "_emulator/") };
        await PostAsync("trusted-profiles", new { id = ProfileId, crn = "crn:v1:bluemix:public:iam-identity::a/standalone::profile:" + ProfileId, name = "standalone", accountId = "standalone", trusts = new[] { "vpc" } });
    }

    [OneTimeTearDown]
    public void StopEmulator()
    {
        admin?.Dispose();
        if (emulator is not null)
        {
            emulator.Kill();
            emulator.WaitForExit();
            emulator.Dispose();
        }
    }

    [Test]
    public async Task The_metadata_server_endpoint_turns_the_VPC_metadata_service_into_a_bare_metal_server_and_back()
    {
        using var home = new TestHome();
        home.Environment["IBMTP_MODE"] = "vpc";
        home.Environment["IBMTP_VPC_METADATA_URL"] = baseUrl.ToString();
        home.Environment["IBMTP_VPC_METADATA_VERSION"] = "2022-03-01";
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;
        home.Environment["IBMTP_NO_CACHE"] = "1";
        var helper = new HelperCli(home);

        await PostAsync("metadata-server", new { server = "BareMetalServer" });
        var line = HelperOutput.AssertOneLineFailure(await helper.GetAsync(IamEmulatorFixture.Registry));
        Assert.That(line, Does.Contain("rejected PUT /instance_identity/v1/token (HTTP 404)"), "a bare metal server refuses the old calls");

        await PostAsync("metadata-server", new { server = "VirtualServer" });
        var (_, username, _) = HelperOutput.Credentials(await helper.GetAsync(IamEmulatorFixture.Registry));
        Assert.That(username, Is.EqualTo(IamEmulatorFixture.BearerUsername), "a virtual server still answers them");
    }

    [TestCase("1")]
    [TestCase("baremetalserver")]
    [TestCase("")]
    public async Task The_metadata_server_endpoint_takes_only_a_machine_s_exact_name(string server)
    {
        using var response = await admin.PostAsJsonAsync("metadata-server", new { server });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("VirtualServer, BareMetalServer, VirtualServerBefore20250826"));
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await admin.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), $"POST /_emulator/{path}: {await response.Content.ReadAsStringAsync()}");
    }
}
