using System.Text;
using Ibmtp.Platform;

namespace Ibmtp.Helper;

/// <summary>The terminal the person runs the helper in, read key by key so that a passcode is never echoed.</summary>
internal sealed class ConsoleTerminal : ITerminal
{
    public string? ReadHidden(string prompt)
    {
        if (Console.IsInputRedirected)
            return null;
        Console.Error.Write(prompt);
        var line = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
                line.Length = Math.Max(0, line.Length - 1);
            else if (!char.IsControl(key.KeyChar))
                line.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return line.ToString();
    }
}
