using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// IBMTP_KEYSTORE=pass with a hostile <c>pass</c> first on PATH (one that hangs, floods, fails or is
/// slow), run through the published binary: every command ends within IBMTP_TIMEOUT and a margin,
/// with one line that says what to do, in bounded memory, and leaves nothing of pass running.
/// </summary>
[TestFixture]
public sealed class HostilePassTests
{
    private const string Host = "us.icr.io";
    private const string Entry = $"{PassStore.EntriesFolder}/{Host}";
    private const int TimeoutSeconds = 2;
    private const double LargestPeakMegabytes = 100;

    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    private static string TimedOut(string command) =>
        $"pass {command} had not finished when IBMTP_TIMEOUT ({TimeoutSeconds} s) ran out: gpg is most likely waiting for a passphrase at a prompt no one sees; unlock your key in a terminal first (pass show on any entry asks for it there), then try again";

    [Test]
    public async Task A_pass_that_never_returns_ends_get_store_and_list_at_the_timeout_and_leaves_nothing_running()
    {
        using var home = HomeWithPass("sleep 600 &\necho $! >> \"$HOME/children\"\nwait\n");

        var get = await MeasuredGet.RunAsync(home, Executable(home), "get", Host);
        var store = await MeasuredGet.RunAsync(home, Executable(home), "store", $$"""{"ServerURL":"{{Host}}","Username":"u","Secret":"s"}""");
        var list = await MeasuredGet.RunAsync(home, Executable(home), "list", "unused");

        HelperOutput.AssertFailure(get.Result, TimedOut($"show {Entry}"));
        HelperOutput.AssertFailure(store.Result, TimedOut($"insert --multiline --force {Entry}"));
        HelperOutput.AssertFailure(list.Result, TimedOut($"show {Entry}"));
        foreach (var run in new[] { get, store, list })
        {
            AssertBounded(run);
        }
        AssertNoChildLeft(home);
    }

    [Test]
    public async Task A_pass_that_never_returns_ends_doctor_at_the_timeout_with_the_cause()
    {
        using var home = HomeWithPass("sleep 600 &\necho $! >> \"$HOME/children\"\nwait\n");
        var clock = Stopwatch.StartNew();

        var doctor = await new HelperCli(home).RunWithArgumentsAsync("doctor", Host);

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(TimeoutSeconds) + Margin), doctor.ToString());
        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.ToString());
        Assert.That(doctor.StandardOutput, Does.Contain(TimedOut($"show {Entry}")));
        AssertNoChildLeft(home);
    }

    [Test]
    public async Task A_pass_that_prints_hundreds_of_megabytes_is_stopped_and_the_entry_refused_by_name_in_little_memory()
    {
        using var home = HomeWithPass("head -c 300000000 /dev/zero | tr '\\0' x\n");

        var get = await MeasuredGet.RunAsync(home, Executable(home), "get", Host);
        var list = await MeasuredGet.RunAsync(home, Executable(home), "list", "unused");

        HelperOutput.AssertFailure(get.Result, $"{Entry} in the password store holds more than 256 KiB, far more than a login: look at it with pass edit {Entry}, or log in again to replace it");
        Assert.That(list.Result.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Result.StandardOutput, Is.EqualTo("{}\n"), list.ToString());
        Assert.That(list.Result.StandardError, Is.EqualTo($"docker-credential-ibmtp: warning: skipped {Entry}: {get.Result.StandardOutput}"), list.ToString());
        AssertBounded(get);
        AssertBounded(list);
    }

    [Test]
    public async Task A_pass_that_fails_is_one_line_with_its_reason_for_get_and_a_warning_for_list()
    {
        using var home = HomeWithPass("echo 'gpg: decryption failed: No secret key' >&2\nexit 2\n");

        var get = await MeasuredGet.RunAsync(home, Executable(home), "get", Host);
        var list = await MeasuredGet.RunAsync(home, Executable(home), "list", "unused");

        var reason = $"pass could not decrypt {Entry} (gpg: decryption failed: No secret key): check that the secret key it was encrypted for is in your keyring (gpg --list-secret-keys) and that gpg-agent can ask for its passphrase";
        HelperOutput.AssertFailure(get.Result, reason);
        Assert.That(list.Result.StandardOutput, Is.EqualTo("{}\n"), list.ToString());
        Assert.That(list.Result.StandardError, Is.EqualTo($"docker-credential-ibmtp: warning: skipped {Entry}: {reason}\n"), list.ToString());
        AssertBounded(get);
        AssertBounded(list);
    }

    [Test]
    public async Task A_slow_pass_that_answers_within_the_timeout_is_waited_for()
    {
        using var home = HomeWithPass("sleep 1\nprintf 'the-secret\\nusername: iamapikey\\n'\n");

        var get = await MeasuredGet.RunAsync(home, Executable(home), "get", Host);

        Assert.That(HelperOutput.Credentials(get.Result), Is.EqualTo((Host, "iamapikey", "the-secret")));
        AssertBounded(get);
    }

    /// <summary>A home whose PATH finds <paramref name="script"/> as pass, with a store that holds an entry for <see cref="Host"/>.</summary>
    private static TestHome HomeWithPass(string script)
    {
        var home = new TestHome();
        var store = home.Subdirectory("password-store", PassStore.EntriesFolder);
        File.WriteAllText(Path.Combine(home.Path, "password-store", ".gpg-id"), "ibmtp-tests@example.com\n");
        File.WriteAllText(Path.Combine(store, $"{Host}.gpg"), "an entry only the fake pass reads");
        var pass = Path.Combine(home.BinDirectory, "pass");
        File.WriteAllText(pass, "#!/bin/sh\n" + script);
        File.SetUnixFileMode(pass, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        home.Environment["PASSWORD_STORE_DIR"] = Path.Combine(home.Path, "password-store");
        home.Environment["IBMTP_KEYSTORE"] = "pass";
        home.Environment["IBMTP_TIMEOUT"] = $"{TimeoutSeconds}";
        return home;
    }

    private static string Executable(TestHome home) => Path.Combine(home.BinDirectory, HelperBinary.FileName);

    private static void AssertBounded(MeasuredGet run)
    {
        Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(TimeoutSeconds) + Margin), run.ToString());
        Assert.That(run.PeakResidentMegabytes, Is.LessThan(LargestPeakMegabytes), run.ToString());
    }

    /// <summary>What the fake pass started in the background (as gpg starts pinentry's wait) was killed with it.</summary>
    private static void AssertNoChildLeft(TestHome home)
    {
        var children = File.ReadAllLines(Path.Combine(home.Path, "children")).Select(int.Parse).ToList();
        Assert.That(children, Is.Not.Empty);
        Assert.That(() => children.Where(IsRunning), Is.Empty.After(2000, 50), "pass's children outlived it");
    }

    private static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z";
}
