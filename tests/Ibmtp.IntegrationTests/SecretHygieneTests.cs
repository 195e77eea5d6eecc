using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// No secret reaches a file, the log (even at debug level), an error message or the helper's argv;
/// every folder the helper creates is 0700 and every file 0600, whatever the umask.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class SecretHygieneTests
{
    private const string ProfileId = FakeCredentials.TrustedProfileUsername;

    [Test]
    public async Task At_debug_level_no_secret_reaches_any_file_the_log_or_the_helpers_argv()
    {
        using var home = new TestHome();
        home.Environment["IBMTP_LOG_LEVEL"] = "debug";
        using var calls = HelperInvocations.Install(home);
        var helper = new HelperCli(home);
        var apiKey = FakeCredentials.NewApiKey();
        var storedSecret = FakeCredentials.NewApiKey();
        var rejectedSecret = FakeCredentials.NewApiKey();
        var results = new List<ProcessResult>();

        // get from the environment
        home.Environment["IBMTP_API_KEY"] = apiKey;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;
        var fromEnvironment = await helper.GetAsync("us.icr.io");
        results.Add(fromEnvironment);
        Assert.That(HelperOutput.Credentials(fromEnvironment).Secret, Is.EqualTo(apiKey));
        home.Environment.Remove("IBMTP_API_KEY");
        home.Environment.Remove("IBMTP_PROFILE_ID");

        // store, get from the keystore, list, erase
        var store = await helper.StoreAsync("de.icr.io", ProfileId, storedSecret);
        var fromKeystore = await helper.GetAsync("de.icr.io");
        var list = await helper.ListAsync();
        var erase = await helper.EraseAsync("de.icr.io");
        results.AddRange([store, fromKeystore, list, erase]);
        HelperOutput.AssertSilentSuccess(store);
        Assert.That(HelperOutput.Credentials(fromKeystore).Secret, Is.EqualTo(storedSecret));
        Assert.That(HelperOutput.List(list), Does.ContainKey("de.icr.io"));
        HelperOutput.AssertSilentSuccess(erase);

        // a store that fails
        var failedStore = await helper.StoreAsync("docker.io", ProfileId, rejectedSecret);
        results.Add(failedStore);
        var failure = HelperOutput.AssertOneLineFailure(failedStore);

        string[] secrets = [apiKey, storedSecret, rejectedSecret];
        var log = home.ReadLog();
        Assert.Multiple(() =>
        {
            Assert.That(log, Does.Contain("get").And.Contain("store").And.Contain("list").And.Contain("erase"), "the debug log should record every call");
            foreach (var secret in secrets)
            {
                Assert.That(home.FilesContainingSecret(secret), Is.Empty, "a secret, plain or base64, in a file under HOME");
                Assert.That(log, Does.Not.Contain(secret));
                Assert.That(results.Select(result => result.CommandLine), Has.None.Contains(secret), "a secret on the helper's command line");
                Assert.That(calls.Read().SelectMany(call => call.Arguments), Has.None.Contains(secret), "a secret in the argv the helper received");
            }

            Assert.That(failure, Does.Not.Contain(rejectedSecret));
            Assert.That(calls.Read().Select(call => call.Arguments.Count), Is.All.EqualTo(1), "the action is the only argument");
        });
        OwnerOnly.AssertTree(home.LogFolder());
        OwnerOnly.AssertTree(home.KeystoreFolder());
    }

    public static IEnumerable<TestCaseData> FailingStoresCarryingASecret()
    {
        TestCaseData Case(string name, Func<string, string> input) => new TestCaseData(input).SetArgDisplayNames(name);
        yield return Case("host not served", secret => Json("docker.io", "user", secret));
        yield return Case("empty username", secret => Json("us.icr.io", "", secret));
        yield return Case("JSON cut off after the secret", secret => $$"""{"Secret":"{{secret}}","ServerURL":"us.icr.io","Username":""");
        yield return Case("wrong type after the secret", secret => $$"""{"Secret":"{{secret}}","ServerURL":["us.icr.io"],"Username":"u"}""");
        yield return Case("secret as a number", secret => $$"""{"ServerURL":"us.icr.io","Username":"u","Secret":{{secret}}}""");
        yield return Case("over 16 KiB", secret => Json("us.icr.io", "user", secret + new string('x', 17 * 1024)));
    }

    [TestCaseSource(nameof(FailingStoresCarryingASecret))]
    public async Task A_failing_store_never_echoes_the_secret(Func<string, string> input)
    {
        using var home = new TestHome();
        home.Environment["IBMTP_LOG_LEVEL"] = "debug";
        var secret = FakeCredentials.NewApiKey();

        var store = await new HelperCli(home).RunAsync("store", input(secret));

        HelperOutput.AssertOneLineFailure(store);
        Assert.That(store.StandardOutput + store.StandardError, Does.Not.Contain(secret).And.Not.Contain(secret[..12]));
        Assert.That(home.ReadLog(), Does.Not.Contain(secret[..12]));
        Assert.That(home.FilesContainingSecret(secret), Is.Empty);
    }

    [TestCase("malformed config file")]
    [TestCase("unknown log level")]
    public async Task A_get_that_fails_with_an_API_key_in_the_environment_never_echoes_it(string cause)
    {
        using var home = new TestHome();
        var apiKey = FakeCredentials.NewApiKey();
        home.Environment["IBMTP_API_KEY"] = apiKey;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;
        if (cause == "malformed config file")
        {
            var config = Path.Combine(home.Subdirectory(".config", "ibmtp"), "config.json");
            await File.WriteAllTextAsync(config, $$"""{"profileId": "{{ProfileId}}", "apiKey": "{{apiKey}}",""");
            home.Environment["IBMTP_LOG_LEVEL"] = "debug";
        }
        else
        {
            home.Environment["IBMTP_LOG_LEVEL"] = "loud";
        }

        var get = await new HelperCli(home).GetAsync("us.icr.io");

        HelperOutput.AssertOneLineFailure(get);
        Assert.That(get.StandardOutput + get.StandardError, Does.Not.Contain(apiKey));
        Assert.That(home.ReadLog(), Does.Not.Contain(apiKey));
    }

    [Test]
    public async Task Under_umask_000_every_folder_the_helper_creates_is_0700_and_every_file_0600()
    {
        using var home = new TestHome();
        // Folders that do not exist yet, so the helper creates the parents too.
        home.Environment["XDG_DATA_HOME"] = Path.Combine(home.Path, "umask", "data");
        home.Environment["XDG_STATE_HOME"] = Path.Combine(home.Path, "umask", "state");
        home.Environment["XDG_CACHE_HOME"] = Path.Combine(home.Path, "umask", "cache");
        home.Environment["IBMTP_LOG_LEVEL"] = "debug";
        var before = Entries(home.Path);
        var secret = FakeCredentials.NewApiKey();

        var store = await RunUnderUmask000(home, "store", Json("us.icr.io", ProfileId, secret));
        var get = await RunUnderUmask000(home, "get", "us.icr.io");
        var list = await RunUnderUmask000(home, "list", "unused");
        var storeAgain = await RunUnderUmask000(home, "store", Json("de.icr.io", ProfileId, secret));
        var erase = await RunUnderUmask000(home, "erase", "de.icr.io");

        HelperOutput.AssertSilentSuccess(store);
        Assert.That(HelperOutput.Credentials(get).Secret, Is.EqualTo(secret));
        Assert.That(HelperOutput.List(list), Does.ContainKey("us.icr.io"));
        HelperOutput.AssertSilentSuccess(storeAgain);
        HelperOutput.AssertSilentSuccess(erase);
        var created = new DirectoryInfo(home.Path)
            .EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(entry => !before.Contains(entry.FullName))
            .ToList();
        Assert.That(created.Select(entry => entry.Name), Does.Contain("keystore.json").And.Contain("ibmtp.log"));
        Assert.That(
            created.Where(entry => entry.UnixFileMode != (entry is DirectoryInfo ? OwnerOnly.Folder : OwnerOnly.File))
                .Select(entry => $"{Path.GetRelativePath(home.Path, entry.FullName)} {OwnerOnly.Octal(entry.UnixFileMode)}"),
            Is.Empty,
            "created under umask 000: " + string.Join(", ", created.Select(entry => $"{Path.GetRelativePath(home.Path, entry.FullName)} {OwnerOnly.Octal(entry.UnixFileMode)}")));
        Assert.That(home.FilesContainingSecret(secret), Is.Empty);
    }

    private static Task<ProcessResult> RunUnderUmask000(TestHome home, string action, string standardInput) =>
        ProcessRunner.RunAsync(
            "/bin/bash",
            ["-c", $"umask 000; exec {HelperBinary.FileName} {action}"],
            new ProcessOptions { InheritEnvironment = false, Environment = home.Environment, StandardInput = standardInput });

    private static HashSet<string> Entries(string root) =>
        new DirectoryInfo(root)
            .EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(entry => entry.FullName)
            .ToHashSet();

    private static string Json(string serverUrl, string username, string secret) =>
        new JsonObject { ["ServerURL"] = serverUrl, ["Username"] = username, ["Secret"] = secret }.ToJsonString() + "\n";
}
