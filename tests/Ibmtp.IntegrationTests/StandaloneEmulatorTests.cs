using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
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

    [Test]
    public async Task The_people_endpoints_sign_people_in_to_act_as_a_profile_that_trusts_them_until_trust_or_session_ends()
    {
        const string ibmidUser = "IBMid-270000STD1";
        const string federatedUser = "IBMid-270000STD2";
        const string realm = "https://idp.example.test/saml";
        await PostAsync("people", new { iamId = ibmidUser, name = "Ibmid Person", email = "ibmid@example.test", accountId = "standalone", password = "pw1" });
        await PostAsync("people", new
        {
            iamId = federatedUser, name = "Federated Person", email = "federated@example.test", accountId = "standalone", password = "pw2",
            realm, samlAttributes = new Dictionary<string, string> { ["group"] = "pullers" },
        });
        await PostAsync($"trusted-profiles/{ProfileId}/people", new { iamIds = new[] { ibmidUser } });
        await PostAsync($"trusted-profiles/{ProfileId}/federated-rules", new { name = "pullers", realm, conditions = new Dictionary<string, string> { ["group"] = "pullers" }, expiration = 900 });
        using var iam = new IamSignIn(baseUrl);
        var ibmid = await iam.SignInAsync(await IssuePasscodeAsync(new { iamId = ibmidUser }));
        var federated = await iam.SignInAsync(await IssuePasscodeAsync(new { iamId = federatedUser }));
        var actingAsProfile = await iam.SignInAsync(await IssuePasscodeAsync(new { iamId = ibmidUser, profileId = ProfileId }));

        var direct = await iam.AssumeAsync(ibmid.AccessToken, ProfileId);
        var byRule = await iam.AssumeAsync(federated.RefreshToken, ProfileId, "refresh_token");
        Assert.That(direct.Status, Is.EqualTo(HttpStatusCode.OK), direct.ToString());
        Assert.That(byRule.ExpiresIn, Is.EqualTo(900).Within(1), byRule.ToString());
        Assert.That(EmulatorToken.Claims(actingAsProfile.AccessToken)["sub_type"]!.ToString(), Is.EqualTo("Profile"));

        await SendAsync(HttpMethod.Delete, $"trusted-profiles/{ProfileId}/people/{ibmidUser}");
        await SendAsync(HttpMethod.Delete, $"trusted-profiles/{ProfileId}/federated-rules/pullers");
        Assert.That((await iam.AssumeAsync(ibmid.AccessToken, ProfileId)).ErrorCode, Is.EqualTo("BXNIM0398E"));
        Assert.That((await iam.AssumeAsync(federated.AccessToken, ProfileId)).ErrorCode, Is.EqualTo("BXNIM0398E"));

        await PostAsync("sign-in-settings", new { singleUseRefreshTokens = true, passcodeLifetimeSeconds = 60 });
        var refreshed = await iam.RefreshGrantAsync(ibmid.RefreshToken);
        Assert.That((await iam.RefreshGrantAsync(ibmid.RefreshToken)).ErrorCode, Is.EqualTo("BXNIM0407E"), "a used refresh token dies");
        await SendAsync(HttpMethod.Delete, $"sessions/{federated.SessionId}");
        Assert.That((await iam.RefreshGrantAsync(federated.RefreshToken)).ErrorCode, Is.EqualTo("BXNIM0407E"), "a revoked session");

        await PostAsync("session-policy", new { accountId = "standalone", maxLengthSeconds = 3600, inactivitySeconds = 600 });
        try
        {
            await PostAsync("clock", new { aheadSeconds = 600 });
            Assert.That((await iam.RefreshGrantAsync(refreshed.RefreshToken)).ErrorCode, Is.EqualTo("BXNIM0439E"));
        }
        finally
        {
            await PostAsync("clock", new { aheadSeconds = 0 });
            await PostAsync("sign-in-settings", new { singleUseRefreshTokens = false, passcodeLifetimeSeconds = 300 });
        }

        var counts = await admin.GetFromJsonAsync<JsonObject>("counts");
        Assert.That(counts!["passcodeGrants"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(counts["refreshGrants"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(counts["passcodesIssued"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(counts["personAssumeGrants"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task The_passcodes_endpoint_refuses_a_profile_that_does_not_trust_the_person()
    {
        await PostAsync("people", new { iamId = "IBMid-270000STD3", name = "Untrusted Person", email = "untrusted@example.test", accountId = "standalone", password = "pw3" });

        using var response = await admin.PostAsJsonAsync("passcodes", new { iamId = "IBMid-270000STD3", profileId = ProfileId });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("does not trust"));
    }

    private async Task<string> IssuePasscodeAsync(object body)
    {
        using var response = await admin.PostAsJsonAsync("passcodes", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["passcode"]!.ToString();
    }

    private async Task SendAsync(HttpMethod method, string path)
    {
        using var response = await admin.SendAsync(new HttpRequestMessage(method, path));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), $"{method} /_emulator/{path}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await admin.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), $"POST /_emulator/{path}: {await response.Content.ReadAsStringAsync()}");
    }
}
