using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ibmtp.Configuration;

/// <summary>
/// Go's duration syntax (<c>1h0m0s</c>, <c>45m</c>, <c>1.5h</c>, <c>90s</c>), which the kubelet's
/// <c>cacheDuration</c> uses and Kubernetes operators write.
/// </summary>
public static partial class GoDuration
{
    /// <summary>As Go's <c>Duration.String</c> prints whole seconds: <c>1h0m0s</c>, <c>45m0s</c>, <c>30s</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)Math.Max(0, Math.Floor(duration.TotalSeconds));
        if (seconds < 60)
            return $"{seconds}s";
        var text = new StringBuilder();
        if (seconds >= 3600)
            text.Append(CultureInfo.InvariantCulture, $"{seconds / 3600}h");
        return text.Append(CultureInfo.InvariantCulture, $"{seconds % 3600 / 60}m{seconds % 60}s").ToString();
    }

    /// <summary>Reads Go's syntax: one or more decimal numbers, each with a unit (ns, us, µs, ms, s, m, h); a bare "0" is zero.</summary>
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        text = text.Trim();
        if (text == "0")
            return true;
        var match = Syntax().Match(text);
        if (!match.Success)
            return false;
        double seconds = 0;
        for (var i = 0; i < match.Groups["number"].Captures.Count; i++)
        {
            var number = double.Parse(match.Groups["number"].Captures[i].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            seconds += number * match.Groups["unit"].Captures[i].Value switch
            {
                "h" => 3600,
                "m" => 60,
                "s" => 1,
                "ms" => 1e-3,
                "us" or "µs" => 1e-6,
                _ => 1e-9,
            };
        }
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            return false;
        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<number>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?<unit>ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex Syntax();
}
