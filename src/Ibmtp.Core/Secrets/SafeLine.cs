using System.Text;

namespace Ibmtp.Secrets;

/// <summary>
/// Text from outside the helper (a Secret Service's error, a keyring's label, a stored username, a
/// server's message) made fit for one line a person or a client reads: secrets blanked, control
/// characters escaped so that no byte can move a terminal's cursor, ring its bell or forge a line,
/// and cut to a length a line can hold. Printable text passes unchanged.
/// </summary>
public static class SafeLine
{
    /// <summary>Longer than any line the helper writes itself, which names a path or two and the fix.</summary>
    public const int LongestLine = 1000;

    /// <summary>Blanks secrets, joins line breaks with a space, escapes every other control character, and cuts the line to <paramref name="longest"/> characters.</summary>
    public static string Of(string text, int longest = LongestLine)
    {
        // Redacted before it is joined, escaped or cut, any of which could leave a secret the redactor no longer recognises.
        var line = EscapeControlCharacters(SecretRedactor.Redact(text).ReplaceLineEndings(" "));
        return line.Length <= longest ? line : $"{line[..CutAt(line, longest)]}… ({line.Length} characters in all)";
    }

    /// <summary>Escapes control characters as C and JSON do (<c>\n</c>, <c>\u001b</c>), so that they show rather than act.</summary>
    public static string EscapeControlCharacters(string text)
    {
        if (!text.Any(char.IsControl))
            return text;
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var character in text)
        {
            escaped.Append(character switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(character) => $"\\u{(int)character:x4}",
                _ => character.ToString(),
            });
        }
        return escaped.ToString();
    }

    // Never between the two halves of a surrogate pair, which would print as a replacement character.
    private static int CutAt(string line, int longest) => char.IsHighSurrogate(line[longest - 1]) ? longest - 1 : longest;
}
