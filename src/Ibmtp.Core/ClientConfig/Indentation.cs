namespace Ibmtp.ClientConfig;

/// <summary>How a JSON file is indented, read off its first indented line, so a rewrite keeps the style.</summary>
internal readonly record struct Indentation(bool Indented, char Character, int Size)
{
    private static readonly Indentation Tabs = new(true, '\t', 1);

    public static Indentation Of(string? text)
    {
        if (text is null)
            return Tabs;
        foreach (var line in text.Split('\n').Skip(1))
        {
            var width = line.Length - line.TrimStart(' ', '\t').Length;
            if (width > 0)
                return new Indentation(true, line[0], width);
        }
        // One line, or nothing indented: the file is compact, and stays so.
        return text.TrimEnd().Contains('\n') ? Tabs : new Indentation(false, ' ', 2);
    }

    /// <summary>A line break followed by the indentation of <paramref name="depth"/>; nothing in a compact file.</summary>
    public string NewLine(int depth) => Indented ? "\n" + new string(Character, Size * depth) : "";
}
