using System.Globalization;
using System.Text.RegularExpressions;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Go's <c>time.ParseDuration</c>, which the kubelet applies to <c>cacheDuration</c> (a metav1.Duration):
/// an optional sign, then decimal numbers each with a unit (ns, us, µs, ms, s, m, h), e.g. "48m0s", "1.5h"; or "0".
/// </summary>
public static partial class GoDuration
{
    private static readonly Dictionary<string, double> TicksPerUnit = new(StringComparer.Ordinal)
    {
        ["ns"] = 0.01,
        ["us"] = 10,
        ["µs"] = 10,
        ["μs"] = 10,
        ["ms"] = TimeSpan.TicksPerMillisecond,
        ["s"] = TimeSpan.TicksPerSecond,
        ["m"] = TimeSpan.TicksPerMinute,
        ["h"] = TimeSpan.TicksPerHour,
    };

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var unsigned = text.TrimStart('+', '-');
        if (unsigned.Length < text.Length - 1)
        {
            return false;
        }

        if (unsigned == "0")
        {
            return true;
        }

        var parts = Part().Matches(unsigned);
        if (parts.Count == 0 || parts.Sum(part => part.Length) != unsigned.Length)
        {
            return false;
        }

        var ticks = parts.Sum(part => double.Parse(part.Groups["number"].Value, CultureInfo.InvariantCulture) * TicksPerUnit[part.Groups["unit"].Value]);
        duration = TimeSpan.FromTicks((long)(text.StartsWith('-') ? -ticks : ticks));
        return true;
    }

    [GeneratedRegex(@"(?<number>[0-9]+(\.[0-9]*)?|\.[0-9]+)(?<unit>ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex Part();
}
