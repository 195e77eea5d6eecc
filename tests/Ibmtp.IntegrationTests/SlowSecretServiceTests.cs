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
        var keyring = await KeyringAsync(home);
        using var answers = AnswerCounter.Start(home, keyring.Name);
        using var slowing = new CancellationTokenSource();
        var slowdown = SlowDown(keyring.Process, answers, slowing.Token);
        var clock = Stopwatch.StartNew();

        var store = await new HelperCli(home).StoreAsync("us.icr.io", "iamapikey", FakeCredentials.NewApiKey());

        var elapsed = clock.Elapsed;
        await slowing.CancelAsync();
        await slowdown;
        Assert.That(answers.Count, Is.GreaterThan(0), "the keyring answered, late");
        Assert.That(HelperOutput.AssertOneLineFailure(store), Does.StartWith($"the Secret Service failed (no answer within {TimeoutSeconds} s)"));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(TimeoutSeconds) + Margin), store.ToString());
    }

    /// <summary>The unique bus name and the process of whoever owns org.freedesktop.secrets.</summary>
    private static async Task<(string Name, int Process)> KeyringAsync(TestHome home)
    {
        var name = await AskBusAsync(home, "GetNameOwner");
        var process = await AskBusAsync(home, "GetConnectionUnixProcessID");
        return (name.Trim('"'), int.Parse(process));
    }

    private static async Task<string> AskBusAsync(TestHome home, string method)
    {
        var reply = await ProcessRunner.RunAsync("dbus-send", ["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
            $"org.freedesktop.DBus.{method}", "string:org.freedesktop.secrets"],
            new ProcessOptions { Environment = home.Environment, InheritEnvironment = false });
        Assert.That(reply.Succeeded, reply.ToString());
        return reply.StandardOutput.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[^1];
    }

    /// <summary>
    /// Keeps the keyring stopped, and lets it run after each <see cref="Pause"/> only until it has
    /// answered one call: each call is answered, late.
    /// </summary>
    private static Task SlowDown(int keyring, AnswerCounter answers, CancellationToken stop)
    {
        Assert.That(Kill(keyring, SignalStop), Is.Zero, "stopping the keyring");
        return Task.Factory.StartNew(() =>
        {
            try
            {
                while (!stop.WaitHandle.WaitOne(Pause))
                {
                    var before = answers.Count;
                    Kill(keyring, SignalContinue);
                    SpinWait.SpinUntil(() => answers.Count > before || stop.IsCancellationRequested, TimeSpan.FromSeconds(1));
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

    /// <summary>Counts the replies and errors one bus name sends, as dbus-monitor sees them.</summary>
    private sealed class AnswerCounter : IDisposable
    {
        private readonly Process _monitor;
        private int _count;

        private AnswerCounter(Process monitor) => _monitor = monitor;

        public int Count => Volatile.Read(ref _count);

        public static AnswerCounter Start(TestHome home, string sender)
        {
            var start = new ProcessStartInfo("dbus-monitor") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--session", $"type='method_return',sender='{sender}'", $"type='error',sender='{sender}'" })
                start.ArgumentList.Add(argument);
            start.Environment.Clear();
            foreach (var (name, value) in home.Environment)
                start.Environment[name] = value;
            var counter = new AnswerCounter(Process.Start(start)!);
            counter._monitor.OutputDataReceived += (_, line) =>
            {
                if (line.Data is { } data && (data.StartsWith("method return", StringComparison.Ordinal) || data.StartsWith("error", StringComparison.Ordinal)))
                    Interlocked.Increment(ref counter._count);
            };
            counter._monitor.BeginOutputReadLine();
            // dbus-monitor prints its own name's acquisition first; give it a moment to become a monitor.
            Thread.Sleep(300);
            return counter;
        }

        public void Dispose()
        {
            _monitor.Kill();
            _monitor.Dispose();
        }
    }
}
