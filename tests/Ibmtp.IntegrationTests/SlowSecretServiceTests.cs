using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A Secret Service that answers every call, each one slowly: IBMTP_TIMEOUT bounds the command's
/// keystore work as a whole, so many slow answers cannot add up to many times the setting.
/// </summary>
[TestFixture]
public sealed class SlowSecretServiceTests
{
    private const int TimeoutSeconds = 2;
    private const int SignalContinue = 18;
    private const int SignalStop = 19;

    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    // Shorter than the timeout, so each call alone would be answered in time.
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1.2);

    [Test]
    public async Task A_store_over_a_keyring_that_answers_each_call_late_ends_within_the_timeout_for_the_whole_command()
    {
        using var home = new TestHome();
        using var session = await SecretServiceSession.StartAsync(home);
        home.Environment["IBMTP_KEYSTORE"] = "secretservice";
        home.Environment["IBMTP_TIMEOUT"] = $"{TimeoutSeconds}";
        // The first call has the bus start the keyring's service, if it has not claimed its name yet.
        await session.SecretToolAsync("search", "application", "none");
        var keyring = await KeyringProcessAsync(home);
        using var slowing = new CancellationTokenSource();
        var slowdown = SlowDownAsync(keyring, slowing.Token);
        var clock = Stopwatch.StartNew();

        var store = await new HelperCli(home).StoreAsync("us.icr.io", "iamapikey", FakeCredentials.NewApiKey());

        var elapsed = clock.Elapsed;
        await slowing.CancelAsync();
        await slowdown;
        Assert.That(HelperOutput.AssertOneLineFailure(store), Does.StartWith($"the Secret Service failed (no answer within {TimeoutSeconds} s)"));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(TimeoutSeconds) + Margin), store.ToString());
    }

    /// <summary>The process that owns org.freedesktop.secrets on the session's bus.</summary>
    private static async Task<int> KeyringProcessAsync(TestHome home)
    {
        var reply = await ProcessRunner.RunAsync("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
            "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.secrets"],
            new ProcessOptions { Environment = home.Environment, InheritEnvironment = false });
        Assert.That(reply.Succeeded, reply.ToString());
        return int.Parse(reply.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
    }

    /// <summary>
    /// Stops the keyring now, then lets it run for a few milliseconds after each <see cref="Pause"/>,
    /// enough for about one call: each call is answered, late.
    /// </summary>
    private static Task SlowDownAsync(int keyring, CancellationToken stop)
    {
        Assert.That(Kill(keyring, SignalStop), Is.Zero, "stopping the keyring");
        return Task.Factory.StartNew(() =>
        {
            try
            {
                while (!stop.WaitHandle.WaitOne(Pause))
                {
                    Kill(keyring, SignalContinue);
                    Thread.Sleep(2);
                    Kill(keyring, SignalStop);
                }
            }
            finally
            {
                Kill(keyring, SignalContinue);
            }
        }, TaskCreationOptions.LongRunning);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int process, int signal);
}
