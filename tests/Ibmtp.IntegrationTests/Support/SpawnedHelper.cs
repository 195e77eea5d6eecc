using System.Diagnostics;

namespace Ibmtp.IntegrationTests;

/// <summary>How one run of <see cref="SpawnedHelper"/> ended, and how long it lived.</summary>
/// <param name="ExitCode">The exit status; 137 (128 + SIGKILL) when the kill landed.</param>
public sealed record SpawnedRun(int ExitCode, TimeSpan Elapsed, string StandardOutput)
{
    public bool Killed => ExitCode == 128 + 9;
}

/// <summary>
/// The helper binary spawned directly (no shell, no wrapper), so that a SIGKILL after a measured delay
/// lands in the helper itself and timings start at its exec.
/// </summary>
public static class SpawnedHelper
{
    /// <summary>Runs one action to its end and says how long it took.</summary>
    public static SpawnedRun Run(TestHome home, string action, string standardInput) => RunKillingAfter(home, action, standardInput, killAfter: null);

    /// <summary>Runs one action and sends it SIGKILL <paramref name="killAfter"/> after the spawn, unless it has exited by then.</summary>
    public static SpawnedRun RunKillingAfter(TestHome home, string action, string standardInput, TimeSpan? killAfter) =>
        RunKillingAfter(home, [action], standardInput, killAfter);

    /// <summary>Runs the helper with <paramref name="arguments"/> (a command a person types, such as <c>configure --docker</c>), killed as above.</summary>
    public static SpawnedRun RunKillingAfter(TestHome home, IReadOnlyList<string> arguments, string standardInput, TimeSpan? killAfter)
    {
        var action = string.Join(' ', arguments);
        var startInfo = new ProcessStartInfo(HelperBinary.Path)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in home.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {HelperBinary.Path}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            // The request fits in the pipe buffer, so the write returns at once and the kill stays on time.
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It exited before reading its input; its exit status tells.
        }

        if (killAfter is { } delay)
        {
            WaitPrecisely(clock, delay);
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It exited before the kill.
            }
        }

        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill();
            throw new TimeoutException($"{action} did not finish within 30 s");
        }

        var elapsed = clock.Elapsed;
        Task.WaitAll(output, error);
        return new SpawnedRun(process.ExitCode, elapsed, output.Result);
    }

    // Thread.Sleep has a granularity of a millisecond or more, coarse next to a run of a few
    // milliseconds: sleep for most of the delay, then spin for the rest.
    private static void WaitPrecisely(Stopwatch clock, TimeSpan delay)
    {
        var coarse = delay - clock.Elapsed - TimeSpan.FromMilliseconds(2);
        if (coarse > TimeSpan.Zero)
        {
            Thread.Sleep(coarse);
        }

        while (clock.Elapsed < delay)
        {
            Thread.SpinWait(20);
        }
    }
}
