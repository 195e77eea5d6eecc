namespace Ibmtp.ClientConfig;

/// <summary>How a JSON file is indented and breaks its lines, read off the file, so a rewrite keeps the style.</summary>
internal readonly record struct Indentation(bool Indented, char Character, int Size, string LineBreak)
{
    private static readonly Indentation Tabs = new(true, '\t', 1, "\n");

    /// <summary>The style of <paramref name="text"/>; tabs, as docker and podman write, for a new or blank file.</summary>
    public static Indentation Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Tabs;
        var lineBreak = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        foreach (var line in text.Split('\n').Skip(1))
        {
            var width = line.Length - line.TrimStart(' ', '\t').Length;
            if (width > 0)
                return new Indentation(true, line[0], width, lineBreak);
        }
        // One line, or nothing indented: the file is compact, and stays so.
        return text.TrimEnd().Contains('\n') ? Tabs with { LineBreak = lineBreak } : new Indentation(false, ' ', 2, lineBreak);
    }

    /// <summary>A line break followed by the indentation of <paramref name="depth"/>; nothing in a compact file.</summary>
    public string NewLine(int depth) => Indented ? LineBreak + new string(Character, Size * depth) : "";
}
