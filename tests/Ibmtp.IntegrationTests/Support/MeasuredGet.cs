using System.Diagnostics;
using System.Globalization;

namespace Ibmtp.IntegrationTests;

/// <summary>A `get` run under GNU time, so that a test sees how long it took and how much memory it held at its peak.</summary>
public sealed record MeasuredGet(ProcessResult Result, TimeSpan Elapsed, long PeakResidentKilobytes)
{
    private const string GnuTime = "/usr/bin/time";

    public double PeakResidentMegabytes => PeakResidentKilobytes / 1024.0;

    public static Task<MeasuredGet> RunAsync(TestHome home, string serverUrl) =>
        RunAsync(home, Path.Combine(home.BinDirectory, HelperBinary.FileName), "get", serverUrl);

    /// <summary>Runs <paramref name="executable"/> with one action, the way <see cref="RunAsync(TestHome, string)"/> runs the helper's get.</summary>
    public static async Task<MeasuredGet> RunAsync(TestHome home, string executable, string action, string standardInput)
    {
        // time writes its figure to a file, so that the program's own stderr stays as the program left it.
        var report = Path.Combine(home.Subdirectory("measurements"), Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync(
            GnuTime,
            ["-f", "%M", "-o", report, executable, action],
            new ProcessOptions { InheritEnvironment = false, Environment = home.Environment, StandardInput = standardInput });
        var elapsed = clock.Elapsed;
        // After "Command exited with non-zero status 1", when it did, the last line is the peak RSS in KiB.
        var peak = long.Parse(File.ReadAllLines(report).Last(line => line.Length > 0), CultureInfo.InvariantCulture);
        return new MeasuredGet(result with { CommandLine = $"{Path.GetFileName(executable)} {action}" }, elapsed, peak);
    }

    public override string ToString() => $"{Elapsed.TotalSeconds:0.00} s, peak RSS {PeakResidentMegabytes:0.0} MiB: {Result}";
}
