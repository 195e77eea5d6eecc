using System.Diagnostics;
using System.Text;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published binary spoken to directly, as a client would: exact protocol messages, the hosts it
/// serves in every form clients send, where `get` finds credentials, and bad input.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ProtocolTests
{
    private const string ProfileId = FakeCredentials.TrustedProfileUsername;

    private static readonly string[] IcrForms = ["us.icr.io", "https://us.icr.io/", "https://us.icr.io", "us.icr.io:443", "US.ICR.IO", "https://US.icr.io:443/v2/"];

    private static readonly string[] OtherHosts =
    [
        "docker.io", "https://index.docker.io/v1/", "quay.io", "icr.io.evil.example", "https://icr.io.evil.example/", "evil-icr.io", "us.icr.io.evil.example:443",
    ];

    private static IEnumerable<TestCaseData> IcrFormsWithAndWithoutNewline() =>
        IcrForms.SelectMany(form => new[]
        {
            new TestCaseData(form).SetArgDisplayNames(form),
            new TestCaseData(form + "\n").SetArgDisplayNames(form + "\\n"),
        });

    private static IEnumerable<TestCaseData> OtherHostsWithAndWithoutNewline() =>
        OtherHosts.SelectMany(host => new[]
        {
            new TestCaseData(host).SetArgDisplayNames(host),
            new TestCaseData(host + "\n").SetArgDisplayNames(host + "\\n"),
        });

    [TestCaseSource(nameof(OtherHostsWithAndWithoutNewline))]
    public async Task GetForAHostThatIsNotIcrAnswersExactlyNotFoundEvenWithAnApiKeyInTheEnvironment(string serverUrl)
    {
        using var home = new TestHome();
        var apiKey = WithEnvironmentCredentials(home);

        var get = await new HelperCli(home).GetAsync(serverUrl);

        HelperOutput.AssertNotFound(get);
        Assert.That(get.StandardOutput, Does.Not.Contain(apiKey));
    }

    [TestCaseSource(nameof(IcrFormsWithAndWithoutNewline))]
    public async Task GetForAnIcrHostInAnyFormGivesTheEnvironmentCredentials(string serverUrl)
    {
        using var home = new TestHome();
        var apiKey = WithEnvironmentCredentials(home);

        var (_, username, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync(serverUrl));

        Assert.That((username, secret), Is.EqualTo((ProfileId, apiKey)));
    }

    [TestCase("icr.io")]
    [TestCase("private.us.icr.io")]
    [TestCase("jp.icr.io")]
    [TestCase("registry.bluemix.net")]
    [TestCase("registry.ng.bluemix.net")]
    public async Task GetServesEveryIcrHost(string host)
    {
        using var home = new TestHome();
        var apiKey = WithEnvironmentCredentials(home);

        var (_, username, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync(host));

        Assert.That((username, secret), Is.EqualTo((ProfileId, apiKey)));
    }

    [Test]
    public async Task GetFromTheEnvironmentNeitherCreatesNorOpensTheKeystore()
    {
        using var home = new TestHome();
        WithEnvironmentCredentials(home);
        var helper = new HelperCli(home);

        var icr = await helper.GetAsync("us.icr.io");
        var other = await helper.GetAsync("docker.io");

        Assert.That(icr.ExitCode, Is.EqualTo(0), icr.ToString());
        HelperOutput.AssertNotFound(other);
        Assert.That(Directory.Exists(home.KeystoreFolder()), Is.False, "a get answered from the environment must not touch the keystore");
    }

    [Test]
    public async Task GetWithNoCredentialsAnywhereAnswersExactlyNotFound()
    {
        using var home = new TestHome();

        HelperOutput.AssertNotFound(await new HelperCli(home).GetAsync("us.icr.io"));
    }

    [Test]
    public async Task ApiKeyFromAnAtFileIsReadAndTrimmed()
    {
        using var home = new TestHome();
        var apiKey = FakeCredentials.NewApiKey();
        var keyFile = Path.Combine(home.Subdirectory("secrets"), "api-key");
        await File.WriteAllTextAsync(keyFile, $"  {apiKey}\n\n");
        home.Environment["IBMTP_API_KEY"] = "@" + keyFile;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;

        var (_, username, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync("us.icr.io"));

        Assert.That((username, secret), Is.EqualTo((ProfileId, apiKey)));
    }

    [Test]
    public async Task AnUnreadableApiKeyFileIsAOneLineErrorNamingTheFile()
    {
        using var home = new TestHome();
        var missing = Path.Combine(home.Path, "secrets", "no-such-key-file");
        home.Environment["IBMTP_API_KEY"] = "@" + missing;

        var line = HelperOutput.AssertOneLineFailure(await new HelperCli(home).GetAsync("us.icr.io"));

        Assert.That(line, Does.Contain(missing));
    }

    [Test]
    public async Task IbmcloudApiKeyIsUsedWhenIbmtpApiKeyIsNotSet()
    {
        using var home = new TestHome();
        var apiKey = FakeCredentials.NewApiKey();
        home.Environment["IBMCLOUD_API_KEY"] = apiKey;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;

        var (_, username, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync("us.icr.io"));

        Assert.That((username, secret), Is.EqualTo((ProfileId, apiKey)));
    }

    [Test]
    public async Task IbmtpApiKeyWinsOverIbmcloudApiKey()
    {
        using var home = new TestHome();
        var apiKey = WithEnvironmentCredentials(home);
        home.Environment["IBMCLOUD_API_KEY"] = FakeCredentials.NewApiKey();

        var (_, _, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync("us.icr.io"));

        Assert.That(secret, Is.EqualTo(apiKey));
    }

    [Test]
    public async Task WithoutAProfileIdTheUsernameIsIamapikey()
    {
        using var home = new TestHome();
        var apiKey = FakeCredentials.NewApiKey();
        home.Environment["IBMTP_API_KEY"] = apiKey;

        var (_, username, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync("de.icr.io"));

        Assert.That((username, secret), Is.EqualTo(("iamapikey", apiKey)));
    }

    [Test]
    public async Task EnvironmentCredentialsWinOverTheKeystore()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("us.icr.io", "stored-user", FakeCredentials.NewApiKey()));
        var apiKey = WithEnvironmentCredentials(home);

        var (_, username, secret) = HelperOutput.Credentials(await helper.GetAsync("us.icr.io"));

        Assert.That((username, secret), Is.EqualTo((ProfileId, apiKey)));
    }

    [Test]
    public async Task StoredCredentialsAreFoundUnderEveryFormOfTheHost()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();

        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("https://US.ICR.IO/", ProfileId, secret));
        var list = HelperOutput.List(await helper.ListAsync());
        var found = new List<(string, string)>();
        foreach (var form in IcrForms)
        {
            var (_, username, stored) = HelperOutput.Credentials(await helper.GetAsync(form));
            found.Add((username, stored));
        }

        Assert.That(list, Is.EquivalentTo(new Dictionary<string, string> { ["us.icr.io"] = ProfileId }));
        Assert.That(found, Is.All.EqualTo((ProfileId, secret)));
    }

    [Test]
    public async Task StoreForAHostThatIsNotIcrFailsAndSaysToUseCredHelpers()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);

        var line = HelperOutput.AssertOneLineFailure(await helper.StoreAsync("https://index.docker.io/v1/", "someone", FakeCredentials.NewApiKey()));
        var list = HelperOutput.List(await helper.ListAsync());

        Assert.That(line, Does.Contain("credHelpers"));
        Assert.That(list, Is.Empty);
    }

    [Test]
    public async Task EraseRemovesOnlyThatHostAndASecondEraseAnswersNotFound()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("us.icr.io", "user-us", FakeCredentials.NewApiKey()));
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("de.icr.io", "user-de", FakeCredentials.NewApiKey()));

        HelperOutput.AssertSilentSuccess(await helper.EraseAsync("https://us.icr.io"));
        var second = await helper.EraseAsync("us.icr.io");
        var get = await helper.GetAsync("us.icr.io");
        var list = HelperOutput.List(await helper.ListAsync());

        HelperOutput.AssertNotFound(second);
        HelperOutput.AssertNotFound(get);
        Assert.That(list, Is.EquivalentTo(new Dictionary<string, string> { ["de.icr.io"] = "user-de" }));
    }

    [Test]
    public async Task EraseForAHostThatIsNotIcrAnswersNotFound()
    {
        using var home = new TestHome();

        HelperOutput.AssertNotFound(await new HelperCli(home).EraseAsync("docker.io"));
    }

    [Test]
    public async Task ListWithNothingStoredIsAnEmptyObject()
    {
        using var home = new TestHome();

        var list = await new HelperCli(home).ListAsync();

        Assert.That(list.StandardOutput, Is.EqualTo("{}\n"), list.ToString());
        Assert.That(HelperOutput.List(list), Is.Empty);
    }

    [TestCase("get")]
    [TestCase("erase")]
    public async Task AnEmptyServerUrlIsExactlyNoCredentialsServerUrl(string action)
    {
        using var home = new TestHome();
        WithEnvironmentCredentials(home);

        HelperOutput.AssertFailure(await new HelperCli(home).RunAsync(action, "\n"), "no credentials server URL");
    }

    [Test]
    public async Task StoreWithAnEmptyServerUrlOrUsernameGivesTheProtocolMessages()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);

        var noServer = await helper.StoreAsync("", "user", FakeCredentials.NewApiKey());
        var noUser = await helper.StoreAsync("us.icr.io", "", FakeCredentials.NewApiKey());

        HelperOutput.AssertFailure(noServer, "no credentials server URL");
        HelperOutput.AssertFailure(noUser, "no credentials username");
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.Empty);
    }

    [Test]
    public async Task VersionAndDashDashVersionPrintTheSameOneLine()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);

        var version = await helper.RunWithArgumentsAsync("version");
        var dashed = await helper.RunWithArgumentsAsync("--version");

        Assert.That(version.ExitCode, Is.EqualTo(0), version.ToString());
        Assert.That(version.StandardOutput, Does.Match(@"^docker-credential-ibmtp \(ibmtp\) \d+\.\d+\.\d+\S*\n$"), version.ToString());
        Assert.That(version.StandardError, Is.Empty);
        Assert.That(dashed, Is.EqualTo(version with { CommandLine = dashed.CommandLine }));
    }

    [Test]
    public async Task HelpPrintsUsageNamingEveryAction()
    {
        using var home = new TestHome();

        var help = await new HelperCli(home).RunWithArgumentsAsync("--help");

        Assert.That(help.ExitCode, Is.EqualTo(0), help.ToString());
        Assert.That(help.StandardError, Is.Empty);
        Assert.That(help.StandardOutput, Does.Contain("Usage").And.Contain("get").And.Contain("store").And.Contain("erase")
            .And.Contain("list").And.Contain("version").And.Contain("credHelpers"));
    }

    [Test]
    public async Task AnUnknownActionIsExactlyTheProtocolMessage()
    {
        using var home = new TestHome();

        HelperOutput.AssertFailure(await new HelperCli(home).RunAsync("fetch", "us.icr.io"), "docker-credential-ibmtp: unknown action: fetch");
    }

    [Test]
    public async Task NoActionIsAOneLineError()
    {
        using var home = new TestHome();

        var line = HelperOutput.AssertOneLineFailure(await new HelperCli(home).RunWithArgumentsAsync());

        Assert.That(line, Does.Contain("docker-credential-ibmtp"));
    }

    private static IEnumerable<TestCaseData> BadInputs()
    {
        TestCaseData Case(string name, string action, byte[] input) => new TestCaseData(action, input).SetArgDisplayNames(action, name);
        byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
        byte[] garbage = [0xFF, 0xFE, 0x00, 0x01, 0xC3, 0x28, 0x80, 0x9F, 0x7B, 0x22, 0xE2, 0x82, 0x0A, 0xF0, 0x28, 0x8C, 0xBC, 0x1B, 0x5B, 0x32, 0x4A];
        var oversizedJson = Text($$"""{"ServerURL":"us.icr.io","Username":"big","Secret":"{{new string('A', 17 * 1024)}}"}""");

        yield return Case("not JSON", "store", Text("us.icr.io user secret"));
        yield return Case("truncated JSON", "store", Text("""{"ServerURL":"us.icr.io","Username":"u","""));
        yield return Case("empty input", "store", []);
        yield return Case("empty object", "store", Text("{}"));
        yield return Case("JSON null", "store", Text("null"));
        yield return Case("JSON array", "store", Text("""[{"ServerURL":"us.icr.io","Username":"u","Secret":"s"}]"""));
        yield return Case("JSON string", "store", Text("\"us.icr.io\""));
        yield return Case("missing Username", "store", Text("""{"ServerURL":"us.icr.io","Secret":"s"}"""));
        yield return Case("missing Secret", "store", Text("""{"ServerURL":"us.icr.io","Username":"u"}"""));
        yield return Case("missing ServerURL", "store", Text("""{"Username":"u","Secret":"s"}"""));
        yield return Case("number ServerURL", "store", Text("""{"ServerURL":443,"Username":"u","Secret":"s"}"""));
        yield return Case("array Username", "store", Text("""{"ServerURL":"us.icr.io","Username":["u"],"Secret":"s"}"""));
        yield return Case("object Secret", "store", Text("""{"ServerURL":"us.icr.io","Username":"u","Secret":{"value":"s"}}"""));
        yield return Case("boolean Secret", "store", Text("""{"ServerURL":"us.icr.io","Username":"u","Secret":true}"""));
        yield return Case("binary garbage", "store", garbage);
        yield return Case("over 16 KiB of valid JSON", "store", oversizedJson);
        yield return Case("binary garbage", "get", garbage);
        yield return Case("binary garbage", "erase", garbage);
        yield return Case("over 16 KiB after the host", "get", Text("us.icr.io" + new string(' ', 17 * 1024)));
        yield return Case("over 16 KiB after the host", "erase", Text("us.icr.io" + new string(' ', 17 * 1024)));
    }

    [TestCaseSource(nameof(BadInputs))]
    public async Task BadInputIsAOneLineErrorAndChangesNothingStored(string action, byte[] input)
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("us.icr.io", "user", secret));
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("de.icr.io", "user-de", FakeCredentials.NewApiKey()));
        var before = home.KeystoreFingerprint();

        var result = await helper.RunAsync(action, input);

        HelperOutput.AssertOneLineFailure(result);
        // An error for bad input must say what is wrong, not pass for "go on anonymously".
        Assert.That(result.StandardOutput.Trim(), Is.Not.EqualTo(HelperOutput.NotFound));
        Assert.That(home.KeystoreFingerprint(), Is.EqualTo(before), "the keystore must not change");
        Assert.That(HelperOutput.Credentials(await helper.GetAsync("us.icr.io")), Is.EqualTo(("us.icr.io", "user", secret)));
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(new Dictionary<string, string>
        {
            ["us.icr.io"] = "user",
            ["de.icr.io"] = "user-de",
        }));
    }

    [TestCase("get")]
    [TestCase("store")]
    public async Task ARunawayWriterIsCutOffAfterAFewKilobytes(string action)
    {
        using var home = new TestHome();
        WithEnvironmentCredentials(home);
        var flood = new byte[8 * 1024 * 1024];
        Array.Fill(flood, (byte)'{');
        var clock = Stopwatch.StartNew();

        var result = await new HelperCli(home).RunAsync(action, flood);

        HelperOutput.AssertOneLineFailure(result);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(File.Exists(home.KeystoreFile()), Is.False);
    }

    [Test]
    public async Task SuccessfulCallsPrintOnlyProtocolOutputAndNothingOnStderr()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();

        var store = await helper.StoreAsync("us.icr.io", ProfileId, secret);
        var get = await helper.GetAsync("us.icr.io");
        var list = await helper.ListAsync();
        var erase = await helper.EraseAsync("us.icr.io");

        HelperOutput.AssertSilentSuccess(store);
        Assert.That(get.StandardOutput, Is.EqualTo($$"""{"ServerURL":"us.icr.io","Username":"{{ProfileId}}","Secret":"{{secret}}"}""" + "\n"), get.ToString());
        Assert.That(get.StandardError, Is.Empty);
        Assert.That(list.StandardOutput, Is.EqualTo($$"""{"us.icr.io":"{{ProfileId}}"}""" + "\n"), list.ToString());
        Assert.That(list.StandardError, Is.Empty);
        HelperOutput.AssertSilentSuccess(erase);
    }

    /// <summary>IBMTP_API_KEY (fresh) and IBMTP_PROFILE_ID for every later run in <paramref name="home"/>; returns the key.</summary>
    private static string WithEnvironmentCredentials(TestHome home)
    {
        var apiKey = FakeCredentials.NewApiKey();
        home.Environment["IBMTP_API_KEY"] = apiKey;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;
        return apiKey;
    }
}
