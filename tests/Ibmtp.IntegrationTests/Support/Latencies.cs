namespace Ibmtp.IntegrationTests;

/// <summary>Run times per action, summarised as nearest-rank percentiles in a markdown table.</summary>
public sealed class Latencies
{
    private readonly Dictionary<string, List<TimeSpan>> byAction = new(StringComparer.Ordinal);

    public int Count => byAction.Values.Sum(times => times.Count);

    public void Add(string action, TimeSpan elapsed)
    {
        lock (byAction)
        {
            if (!byAction.TryGetValue(action, out var times))
            {
                byAction[action] = times = [];
            }

            times.Add(elapsed);
        }
    }

    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> times, double percent)
    {
        var sorted = times.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public string Table()
    {
        var rows = byAction.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry =>
            $"| `{entry.Key}` | {entry.Value.Count} | {Milliseconds(Percentile(entry.Value, 50))} | {Milliseconds(Percentile(entry.Value, 99))} | {Milliseconds(entry.Value.Max())} |");
        return string.Join('\n', ["| action | runs | p50 [ms] | p99 [ms] | max [ms] |", "|:---|---:|---:|---:|---:|", .. rows]);
    }

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
