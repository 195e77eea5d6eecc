using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// <c>keystore migrate --to</c> between the real stores: the encrypted file, GNOME Keyring through the
/// Secret Service, and pass. Every login arrives whole, and a migration killed half-way leaves the
/// source complete.
/// </summary>
[TestFixture]
public sealed class KeystoreMigrationTests
{
    private static Dictionary<string, (string Username, string Secret)> Logins(int count) =>
        Enumerable.Range(1, count).ToDictionary(index => $"r{index}.icr.io", index => ($"Profile-{index}", FakeCredentials.NewApiKey()));

    private static async Task StoreAllAsync(HelperCli helper, Dictionary<string, (string Username, string Secret)> logins)
    {
        foreach (var (host, (username, secret)) in logins)
            HelperOutput.AssertSilentSuccess(await helper.StoreAsync(host, username, secret));
    }

    /// <summary>Every login, read back from <paramref name="store"/> through get.</summary>
    private static async Task AssertHoldsExactlyAsync(TestHome home, string store, Dictionary<string, (string Username, string Secret)> logins)
    {
        home.Environment["IBMTP_KEYSTORE"] = store;
        var helper = new HelperCli(home);
        Assert.That(HelperOutput.List(await helper.ListAsync()), Is.EquivalentTo(logins.ToDictionary(login => login.Key, login => login.Value.Username)), store);
        foreach (var (host, (username, secret)) in logins)
            Assert.That(HelperOutput.Credentials(await helper.GetAsync(host)), Is.EqualTo((host, username, secret)), $"{host} in {store}");
    }

    private static async Task MigrateAsync(TestHome home, string from, string to)
    {
        var run = await new HelperCli(home).RunWithArgumentsAsync("keystore", "migrate", "--from", from, "--to", to);
        Assert.That(run.Succeeded, run.ToString());
        Assert.That(run.StandardOutput, Does.Contain($"login(s) from {from} to {to}"));
    }

    [Test]
    public async Task File_to_secret_service_to_pass_to_file_keeps_every_login_and_empties_each_source()
    {
        using var home = new TestHome();
        using var session = await SecretServiceSession.StartAsync(home);
        using var pass = await PassStore.CreateAsync(home);
        home.Environment.Remove("IBMTP_KEYSTORE");
        var logins = Logins(5);
        await StoreAllAsync(new HelperCli(home), logins);

        await MigrateAsync(home, "file", "secretservice");
        await AssertHoldsExactlyAsync(home, "secretservice", logins);
        await AssertHoldsExactlyAsync(home, "file", []);

        await MigrateAsync(home, "secretservice", "pass");
        await AssertHoldsExactlyAsync(home, "pass", logins);
        await AssertHoldsExactlyAsync(home, "secretservice", []);
        Assert.That(pass.Hosts(), Is.EquivalentTo(logins.Keys));

        await MigrateAsync(home, "pass", "file");
        await AssertHoldsExactlyAsync(home, "file", logins);
        await AssertHoldsExactlyAsync(home, "pass", []);
        foreach (var (_, (_, secret)) in logins)
            Assert.That(home.FilesContainingSecret(secret), Is.Empty, "a secret in plain text or base64 under HOME");
    }

    [Test]
    public async Task A_migration_killed_half_way_leaves_the_source_complete_and_running_it_again_finishes_it()
    {
        using var home = new TestHome();
        using var pass = await PassStore.CreateAsync(home);
        home.Environment.Remove("IBMTP_KEYSTORE");
        var logins = Logins(20);
        await StoreAllAsync(new HelperCli(home), logins);

        // Each login costs a gpg run in pass, so the kill lands after some have been copied and before all.
        using (var migration = StartMigration(home, "pass"))
        {
            var deadline = Stopwatch.StartNew();
            while (pass.Hosts().Count < 3 && !migration.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
                await Task.Delay(5);
            Assert.That(migration.HasExited, Is.False, "the migration finished before it could be killed");
            migration.Kill();
            await migration.WaitForExitAsync();
        }

        Assert.That(pass.Hosts().Count, Is.InRange(3, logins.Count - 1), "killed half-way");
        await AssertHoldsExactlyAsync(home, "file", logins);

        home.Environment.Remove("IBMTP_KEYSTORE");
        await MigrateAsync(home, "file", "pass");
        await AssertHoldsExactlyAsync(home, "pass", logins);
        await AssertHoldsExactlyAsync(home, "file", []);
    }

    [Test]
    public async Task A_login_saved_while_a_migration_runs_is_kept_in_the_source_and_the_migration_says_to_run_again()
    {
        using var home = new TestHome();
        using var pass = await PassStore.CreateAsync(home);
        home.Environment.Remove("IBMTP_KEYSTORE");
        var logins = Logins(20);
        await StoreAllAsync(new HelperCli(home), logins);
        var newer = FakeCredentials.NewApiKey();

        // Each login costs a gpg run in pass, so the login lands after r1.icr.io was copied and before the old logins are removed.
        string output;
        int exitCode;
        using (var migration = StartMigration(home, "pass", out var errors))
        {
            var deadline = Stopwatch.StartNew();
            while (pass.Hosts().Count < 3 && !migration.HasExited && deadline.Elapsed < TimeSpan.FromSeconds(60))
                await Task.Delay(5);
            Assert.That(migration.HasExited, Is.False, "the migration finished before the login");
            HelperOutput.AssertSilentSuccess(await new HelperCli(home).StoreAsync("r1.icr.io", "Profile-newer", newer));
            output = await errors;
            await migration.WaitForExitAsync();
            exitCode = migration.ExitCode;
        }

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("the login for r1.icr.io changed in the old keystore during the move"));
        await AssertHoldsExactlyAsync(home, "file", new() { ["r1.icr.io"] = ("Profile-newer", newer) });
    }

    private static Process StartMigration(TestHome home, string to) => StartMigration(home, to, out _);

    /// <param name="errors">What the migration writes on stderr, once it has ended.</param>
    private static Process StartMigration(TestHome home, string to, out Task<string> errors)
    {
        var startInfo = new ProcessStartInfo(HelperBinary.Path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "keystore", "migrate", "--to", to })
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment.Clear();
        foreach (var (name, value) in home.Environment)
            startInfo.Environment[name] = value;
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("the migration did not start");
        _ = process.StandardOutput.ReadToEndAsync();
        errors = process.StandardError.ReadToEndAsync();
        return process;
    }
}
