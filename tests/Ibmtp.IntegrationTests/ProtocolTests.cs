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
    public async Task Get_for_a_host_that_is_not_ICR_answers_exactly_not_found_even_with_an_API_key_in_the_environment(string serverUrl)
    {
        using var home = new TestHome();
        var apiKey = WithEnvironmentCredentials(home);

        var get = await new HelperCli(home).GetAsync(serverUrl);

        HelperOutput.AssertNotFound(get);
        Assert.That(get.StandardOutput, Does.Not.Contain(apiKey));
    }

    [TestCaseSource(nameof(IcrFormsWithAndWithoutNewline))]
    public async Task Get_for_an_ICR_host_in_any_form_gives_the_environment_credentials(string serverUrl)
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
    public async Task Get_serves_every_ICR_host(string host)
    {
        using var home = new TestHome();
        var apiKey = WithEnvironmentCredentials(home);

        var (_, username, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync(host));

        Assert.That((username, secret), Is.EqualTo((ProfileId, apiKey)));
    }

    [Test]
    public async Task Get_from_the_environment_neither_creates_nor_opens_the_keystore()
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
    public async Task Get_with_no_credentials_anywhere_answers_exactly_not_found()
    {
        using var home = new TestHome();

        HelperOutput.AssertNotFound(await new HelperCli(home).GetAsync("us.icr.io"));
    }

    [Test]
    public async Task API_key_from_an_at_file_is_read_and_trimmed()
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
    public async Task An_unreadable_API_key_file_is_a_one_line_error_naming_the_file()
    {
        using var home = new TestHome();
        var missing = Path.Combine(home.Path, "secrets", "no-such-key-file");
        home.Environment["IBMTP_API_KEY"] = "@" + missing;

        var line = HelperOutput.AssertOneLineFailure(await new HelperCli(home).GetAsync("us.icr.io"));

        Assert.That(line, Does.Contain(missing));
    }

    [Test]
    public async Task Ibmcloud_API_key_is_used_when_ibmtp_API_key_is_not_set()
    {
        using var home = new TestHome();
        var apiKey = FakeCredentials.NewApiKey();
        home.Environment["IBMCLOUD_API_KEY"] = apiKey;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;

        var (_, username, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync("us.icr.io"));

        Assert.That((username, secret), Is.EqualTo((ProfileId, apiKey)));
    }

    [Test]
    public async Task Ibmtp_API_key_wins_over_ibmcloud_API_key()
    {
        using var home = new TestHome();
        var apiKey = WithEnvironmentCredentials(home);
        home.Environment["IBMCLOUD_API_KEY"] = FakeCredentials.NewApiKey();

        var (_, _, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync("us.icr.io"));

        Assert.That(secret, Is.EqualTo(apiKey));
    }

    [Test]
    public async Task Without_a_profile_ID_the_username_is_iamapikey()
    {
        using var home = new TestHome();
        var apiKey = FakeCredentials.NewApiKey();
        home.Environment["IBMTP_API_KEY"] = apiKey;

        var (_, username, secret) = HelperOutput.Credentials(await new HelperCli(home).GetAsync("de.icr.io"));

        Assert.That((username, secret), Is.EqualTo(("iamapikey", apiKey)));
    }

    [Test]
    public async Task Environment_credentials_win_over_the_keystore()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("us.icr.io", "stored-user", FakeCredentials.NewApiKey()));
        var apiKey = WithEnvironmentCredentials(home);

        var (_, username, secret) = HelperOutput.Credentials(await helper.GetAsync("us.icr.io"));

        Assert.That((username, secret), Is.EqualTo((ProfileId, apiKey)));
    }

    [Test]
    public async Task Stored_credentials_are_found_under_every_form_of_the_host()
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
    public async Task Store_for_a_host_that_is_not_ICR_fails_and_says_to_use_cred_helpers()
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);

        var line = HelperOutput.AssertOneLineFailure(await helper.StoreAsync("https://index.docker.io/v1/", "someone", FakeCredentials.NewApiKey()));
        var list = HelperOutput.List(await helper.ListAsync());

        Assert.That(line, Does.Contain("credHelpers"));
        Assert.That(list, Is.Empty);
    }

    [Test]
    public async Task Erase_removes_only_that_host_and_a_second_erase_answers_not_found()
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
    public async Task Erase_for_a_host_that_is_not_ICR_answers_not_found()
    {
        using var home = new TestHome();

        HelperOutput.AssertNotFound(await new HelperCli(home).EraseAsync("docker.io"));
    }

    [Test]
    public async Task List_with_nothing_stored_is_an_empty_object()
    {
        using var home = new TestHome();

        var list = await new HelperCli(home).ListAsync();

        Assert.That(list.StandardOutput, Is.EqualTo("{}\n"), list.ToString());
        Assert.That(HelperOutput.List(list), Is.Empty);
    }

    [TestCase("get")]
    [TestCase("erase")]
    public async Task An_empty_server_URL_is_exactly_no_credentials_server_URL(string action)
    {
        using var home = new TestHome();
        WithEnvironmentCredentials(home);

        HelperOutput.AssertFailure(await new HelperCli(home).RunAsync(action, "\n"), "no credentials server URL");
    }

    [Test]
    public async Task Store_with_an_empty_server_URL_or_username_gives_the_protocol_messages()
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
    public async Task Version_and_dash_dash_version_print_the_same_one_line()
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
    public async Task Help_prints_usage_naming_every_action()
    {
        using var home = new TestHome();

        var help = await new HelperCli(home).RunWithArgumentsAsync("--help");

        Assert.That(help.ExitCode, Is.EqualTo(0), help.ToString());
        Assert.That(help.StandardError, Is.Empty);
        Assert.That(help.StandardOutput, Does.Contain("Usage").And.Contain("get").And.Contain("store").And.Contain("erase")
            .And.Contain("list").And.Contain("version").And.Contain("credHelpers"));
    }

    [Test]
    public async Task An_unknown_action_is_exactly_the_protocol_message()
    {
        using var home = new TestHome();

        HelperOutput.AssertFailure(await new HelperCli(home).RunAsync("fetch", "us.icr.io"), "docker-credential-ibmtp: unknown action: fetch");
    }

    [Test]
    public async Task No_action_is_a_one_line_error()
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
    public async Task Bad_input_is_a_one_line_error_and_changes_nothing_stored(string action, byte[] input)
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
    public async Task A_runaway_writer_is_cut_off_after_a_few_kilobytes(string action)
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
    public async Task Successful_calls_print_only_protocol_output_and_nothing_on_stderr()
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
