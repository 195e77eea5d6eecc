namespace Ibmtp.IntegrationTests;

/// <summary>
/// Runs the helper with its wall clock moved ahead through libfaketime (Debian package faketime), so a
/// test can see what it does with a cached token of a given age without waiting that long. The IAM
/// emulator keeps the real time: only the helper's view of the token's age changes.
/// </summary>
public static class ShiftedClock
{
    /// <summary>`docker-credential-ibmtp get` as if <paramref name="ahead"/> had passed.</summary>
    public static Task<ProcessResult> GetAsync(TestHome home, string serverUrl, TimeSpan ahead)
    {
        var faketime = Peers.Require("faketime");
        var environment = new Dictionary<string, string>(home.Environment)
        {
            // Only the wall clock moves; timers and deadlines keep running at the real pace.
            ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
        };
        return ProcessRunner.RunAsync(
            faketime,
            ["-f", $"+{(long)ahead.TotalSeconds}s", Path.Combine(home.BinDirectory, HelperBinary.FileName), "get"],
            new ProcessOptions { InheritEnvironment = false, Environment = environment, StandardInput = serverUrl });
    }
}
