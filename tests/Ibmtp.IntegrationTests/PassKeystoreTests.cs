using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// IBMTP_KEYSTORE=pass: the helper keeps logins in a real password store, encrypted for a throwaway
/// GnuPG key, where pass itself sees them; every failure is one line that says how to fix it.
/// </summary>
[TestFixture]
public sealed class PassKeystoreTests
{
    private const string Host = "us.icr.io";
    private const string Username = FakeCredentials.TrustedProfileUsername;

    // A key ID, not an e-mail address: gpg would look an address up on the network (WKD) first.
    private const string MissingKey = "0123456789ABCDEF";

    [Test]
    public async Task Store_get_list_and_erase_go_through_the_store_where_pass_sees_the_entries()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);
        home.Environment["IBMTP_REGISTRIES"] = "localhost:5000";
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();
        var localSecret = FakeCredentials.NewApiKey();

        HelperOutput.AssertSilentSuccess(await helper.StoreAsync($"https://{Host}", Username, secret));
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("localhost:5000", "iamapikey", localSecret));

        Assert.That(HelperOutput.Credentials(await helper.GetAsync(Host)), Is.EqualTo((Host, Username, secret)));
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(new Dictionary<string, string>
        {
            [Host] = Username,
            ["localhost:5000"] = "iamapikey",
        }));
        var shown = await store.PassAsync("show", $"{PassStore.EntriesFolder}/{Host}");
        Assert.That(shown.StandardOutput, Is.EqualTo($"{secret}\nusername: {Username}\n"), shown.ToString());
        var listed = await store.PassAsync("ls");
        Assert.That(listed.StandardOutput, Does.Contain(PassStore.EntriesFolder).And.Contain(Host).And.Contain("localhost:5000"), listed.ToString());
        Assert.That(home.FilesContainingSecret(secret), Is.Empty, "the secret, plain or base64, in a file under HOME");

        HelperOutput.AssertSilentSuccess(await helper.EraseAsync(Host));

        HelperOutput.AssertNotFound(await helper.GetAsync(Host));
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(new Dictionary<string, string> { ["localhost:5000"] = "iamapikey" }));
        Assert.That(store.Hosts(), Is.EqualTo(new[] { "localhost:5000" }));
    }

    [Test]
    public async Task Doctor_names_the_password_store_its_key_and_the_login_it_serves()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);
        var helper = new HelperCli(home);
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync(Host, Username, FakeCredentials.NewApiKey()));

        var doctor = await helper.RunWithArgumentsAsync("doctor", Host);

        Assert.That(doctor.Succeeded, doctor.ToString());
        Assert.That(doctor.StandardOutput, Does.Contain($"keystore entry for {Host}, user {Username}"));
        Assert.That(doctor.StandardOutput, Does.Contain($"  keystore:").And.Contain($"pass (from IBMTP_KEYSTORE): pass store {store.Folder}, encrypted for {PassStore.KeyId}").And.Contain("1 login(s)"));
    }

    [Test]
    public async Task List_shows_only_our_entries_and_erase_leaves_the_others_alone()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);
        var helper = new HelperCli(home);
        Assert.That((await store.PassAsync("insert", "--multiline", "email/us.icr.io") is var other && other.Succeeded), other.ToString());

        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.Empty);
        HelperOutput.AssertNotFound(await helper.EraseAsync(Host));
        Assert.That(File.Exists(Path.Combine(store.Folder, "email", $"{Host}.gpg")));
    }

    [Test]
    public async Task Unreadable_entries_are_each_named_on_stderr_and_list_and_migrate_go_on_with_the_others()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);
        var helper = new HelperCli(home);
        var logins = new Dictionary<string, string> { [Host] = Username, ["de.icr.io"] = "iamapikey" };
        foreach (var (host, username) in logins)
        {
            HelperOutput.AssertSilentSuccess(await helper.StoreAsync(host, username, FakeCredentials.NewApiKey()));
        }
        await Plant.FifoAsync(store.EntryFile("jp.icr.io"));
        File.CreateSymbolicLink(store.EntryFile("uk.icr.io"), store.EntryFile(Host));
        File.WriteAllText(store.EntryFile("au.icr.io"), "no OpenPGP data");
        var unreadable = new[] { "au.icr.io", "jp.icr.io", "uk.icr.io" };

        var list = await helper.RunWithinAsync(TimeSpan.FromSeconds(30), "list", "unused");
        var migrate = await helper.RunWithArgumentsAsync("keystore", "migrate", "--to", "file");

        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(list.StandardOutput), Is.EquivalentTo(logins));
        var warnings = list.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(warnings, Has.Length.EqualTo(unreadable.Length), list.ToString());
        Assert.That(warnings.Order(StringComparer.Ordinal).Select((warning, index) => warning.StartsWith($"docker-credential-ibmtp: warning: skipped {PassStore.EntriesFolder}/{unreadable[index]}: ", StringComparison.Ordinal)), Has.All.True, list.ToString());
        Assert.That(migrate.Succeeded, migrate.ToString());
        Assert.That(migrate.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(unreadable.Length), migrate.ToString());
        Assert.That(store.Hosts(), Is.EquivalentTo(unreadable), "the unreadable entries stay in the old store");
        home.Environment["IBMTP_KEYSTORE"] = "file";
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(logins));
    }

    [Test]
    public async Task Erase_of_a_host_not_stored_answers_not_found()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);

        HelperOutput.AssertNotFound(await new HelperCli(home).EraseAsync(Host));
    }

    [Test]
    public async Task Bad_input_changes_nothing()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home, git: true);
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync(Host, Username, secret));
        var commits = await store.CommitCountAsync();
        var entry = File.ReadAllBytes(store.EntryFile(Host));
        var secretWithLineBreak = $"{FakeCredentials.NewApiKey()}\n{FakeCredentials.NewApiKey()}";

        var failures = new[]
        {
            await helper.RunAsync("store", "{not json"),
            await helper.RunAsync("store", new JsonObject { ["ServerURL"] = "", ["Username"] = "u", ["Secret"] = "s" }.ToJsonString()),
            await helper.StoreAsync(Host, Username, secretWithLineBreak),
            await helper.StoreAsync("de.icr.io", Username, secretWithLineBreak),
            await helper.EraseAsync("not a host"),
        };

        Assert.Multiple(() =>
        {
            foreach (var failure in failures)
            {
                Assert.That(HelperOutput.AssertOneLineFailure(failure), Does.Not.Contain(secret));
            }
        });
        var refusal = HelperOutput.AssertOneLineFailure(failures[2]);
        Assert.That(refusal, Does.Contain("line break").And.Contain("IBMTP_KEYSTORE=file or secretservice"));
        foreach (var line in secretWithLineBreak.Split('\n'))
        {
            Assert.That(refusal, Does.Not.Contain(line));
        }

        Assert.That(await store.CommitCountAsync(), Is.EqualTo(commits));
        Assert.That(File.ReadAllBytes(store.EntryFile(Host)), Is.EqualTo(entry));
        Assert.That(store.Hosts(), Is.EqualTo(new[] { Host }));
        Assert.That(HelperOutput.Credentials(await helper.GetAsync(Host)), Is.EqualTo((Host, Username, secret)));
    }

    [Test]
    public async Task Twenty_concurrent_stores_into_a_git_store_leave_twenty_entries_and_twenty_commits()
    {
        const int hosts = 20;
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home, git: true);
        var helper = new HelperCli(home);
        var commits = await store.CommitCountAsync();
        var logins = Enumerable.Range(1, hosts)
            .ToDictionary(index => $"r{index}.icr.io", index => (Username: $"user-{index}", Secret: FakeCredentials.NewApiKey()));

        var stores = await Task.WhenAll(logins.Select(login => helper.StoreAsync(login.Key, login.Value.Username, login.Value.Secret)));

        Assert.Multiple(() =>
        {
            foreach (var result in stores)
            {
                HelperOutput.AssertSilentSuccess(result);
            }
        });
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(logins.ToDictionary(login => login.Key, login => login.Value.Username)));
        var gets = await Task.WhenAll(logins.Keys.Select(helper.GetAsync));
        Assert.That(
            gets.Select(HelperOutput.Credentials),
            Is.EquivalentTo(logins.Select(login => (login.Key, login.Value.Username, login.Value.Secret))));
        Assert.That(await store.CommitCountAsync(), Is.EqualTo(commits + hosts));
        var status = await store.PassAsync("git", "status", "--porcelain");
        Assert.That(status.StandardOutput, Is.Empty, $"every entry committed: {status}");
    }

    [Test]
    public async Task The_secret_reaches_neither_pass_arguments_nor_the_log_nor_any_message()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);
        home.Environment["IBMTP_LOG_LEVEL"] = "debug";
        using var calls = new TempDirectory("ibmtp-pass-calls");
        var argvFile = Path.Combine(calls.Path, "argv");
        var wrapper = Path.Combine(home.BinDirectory, "pass");
        File.WriteAllText(wrapper, $"#!/bin/bash\nprintf '%s\\n' \"$*\" >> '{argvFile}'\nexec '{store.Program}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var helper = new HelperCli(home);
        var secret = FakeCredentials.NewApiKey();

        var results = new List<ProcessResult>
        {
            await helper.StoreAsync(Host, Username, secret),
            await helper.GetAsync(Host),
            await helper.ListAsync(),
        };
        // Then every failure a keystore can have with that secret in hand: encrypting for a key
        // that is not there, and decrypting without the secret key.
        File.WriteAllText(Path.Combine(store.Folder, ".gpg-id"), $"{MissingKey}\n");
        results.Add(await helper.StoreAsync(Host, Username, secret));
        File.WriteAllText(Path.Combine(store.Folder, ".gpg-id"), $"{PassStore.KeyId}\n");
        await store.ForgetSecretKeyAsync();
        results.Add(await helper.GetAsync(Host));
        results.Add(await helper.EraseAsync(Host));

        var argv = File.ReadAllLines(argvFile);
        Assert.That(argv, Has.Some.StartsWith($"insert --multiline --force {PassStore.EntriesFolder}/{Host}"), "the wrapper saw the helper's calls");
        Assert.That(argv, Has.None.Contains(secret));
        Assert.That(results.Skip(2).Select(result => result.StandardOutput + result.StandardError), Has.None.Contains(secret));
        Assert.That(results[3].ExitCode, Is.EqualTo(1), results[3].ToString());
        Assert.That(results[4].ExitCode, Is.EqualTo(1), results[4].ToString());
        Assert.That(results[5].ExitCode, Is.EqualTo(0), results[5].ToString());
        var log = home.ReadLog();
        Assert.That(log, Does.Contain("failed"), "the failures were logged");
        Assert.That(home.FilesContainingSecret(secret), Is.Empty, "the secret, plain or base64, in a file under HOME (the log among them)");
    }

    [Test]
    public async Task A_store_that_was_never_initialised_says_to_run_pass_init()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);
        File.Delete(Path.Combine(store.Folder, ".gpg-id"));
        var helper = new HelperCli(home);

        foreach (var result in new[] { await helper.StoreAsync(Host, Username, FakeCredentials.NewApiKey()), await helper.GetAsync(Host), await helper.ListAsync() })
        {
            HelperOutput.AssertFailure(result, $"the password store {store.Folder} is not initialised: run pass init <gpg-id> (gpg --list-secret-keys lists yours), or set IBMTP_KEYSTORE=file");
        }
    }

    [Test]
    public async Task A_store_initialised_for_a_key_not_in_the_keyring_fails_to_save_and_says_what_to_check()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);
        File.WriteAllText(Path.Combine(store.Folder, ".gpg-id"), $"{MissingKey}\n");

        var line = HelperOutput.AssertOneLineFailure(await new HelperCli(home).StoreAsync(Host, Username, FakeCredentials.NewApiKey()));

        Assert.That(line, Does.StartWith($"pass could not save {PassStore.EntriesFolder}/{Host} (").And.Contain("No public key").And.EndWith("or run pass init <gpg-id> with one that is"));
        Assert.That(store.Hosts(), Is.Empty);
    }

    [Test]
    public async Task An_entry_whose_secret_key_is_gone_fails_to_decrypt_and_says_what_to_check()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);
        var helper = new HelperCli(home);
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync(Host, Username, FakeCredentials.NewApiKey()));
        await store.ForgetSecretKeyAsync();

        var line = HelperOutput.AssertOneLineFailure(await helper.GetAsync(Host));

        Assert.That(line, Does.StartWith($"pass could not decrypt {PassStore.EntriesFolder}/{Host} (").And.Contain("No secret key").And.Contain("gpg --list-secret-keys"));
    }

    [Test]
    public async Task Without_pass_on_the_path_every_call_says_how_to_install_it()
    {
        using var home = new TestHome();
        using var store = await PassStore.CreateAsync(home);
        home.Environment["PATH"] = home.BinDirectory;
        var helper = new HelperCli(home);

        foreach (var result in new[] { await helper.StoreAsync(Host, Username, FakeCredentials.NewApiKey()), await helper.GetAsync(Host), await helper.EraseAsync(Host), await helper.ListAsync() })
        {
            HelperOutput.AssertFailure(result, "pass is not installed: sudo apt-get install pass, or set IBMTP_KEYSTORE=file");
        }
    }
}
