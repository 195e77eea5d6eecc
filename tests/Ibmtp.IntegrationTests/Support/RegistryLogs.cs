using System.Diagnostics;

namespace Ibmtp.IntegrationTests;

public static class RegistryLogs
{
    /// <summary>
    /// The registry's log from character <paramref name="start"/> on, once it contains
    /// <paramref name="expected"/> or after a few seconds: its lines arrive asynchronously, possibly
    /// just after the client that caused them has exited.
    /// </summary>
    public static async Task<string> LogSinceAsync(this RegistryServer registry, int start, string expected)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var log = registry.Log[start..];
            if (log.Contains(expected, StringComparison.Ordinal) || clock.Elapsed > TimeSpan.FromSeconds(5))
            {
                return log;
            }

            await Task.Delay(50);
        }
    }
}
