using System.Buffers.Text;
using System.Text;

namespace Ibmtp.ClientConfig;

/// <summary>
/// Reads a JSON string as docker's and the containers tools' Go decoder reads it: escapes resolved,
/// and an escaped lone surrogate (<c>\ud800</c>) or a byte that is not UTF-8 read as U+FFFD, never
/// an error, since those clients read such a file without complaint.
/// </summary>
internal static class JsonStrings
{
    private const char Replacement = '\uFFFD';

    /// <summary>The text of a string from its bytes as written between the quotes, which the reader has already checked.</summary>
    public static string Decode(ReadOnlySpan<byte> written)
    {
        if (!written.Contains((byte)'\\'))
            return Encoding.UTF8.GetString(written);
        var text = new StringBuilder(written.Length);
        while (written.IndexOf((byte)'\\') is var backslash and >= 0)
        {
            text.Append(Encoding.UTF8.GetString(written[..backslash]));
            var escape = written[backslash + 1];
            written = written[(backslash + 2)..];
            if (escape != 'u')
            {
                text.Append(escape switch { (byte)'b' => '\b', (byte)'f' => '\f', (byte)'n' => '\n', (byte)'r' => '\r', (byte)'t' => '\t', _ => (char)escape });
                continue;
            }
            var unit = CodeUnit(written);
            written = written[4..];
            if (char.IsHighSurrogate(unit) && written.StartsWith("\\u"u8) && CodeUnit(written[2..]) is var low && char.IsLowSurrogate(low))
            {
                text.Append(unit).Append(low);
                written = written[6..];
            }
            else
            {
                text.Append(char.IsSurrogate(unit) ? Replacement : unit);
            }
        }
        return text.Append(Encoding.UTF8.GetString(written)).ToString();
    }

    private static char CodeUnit(ReadOnlySpan<byte> hex) =>
        Utf8Parser.TryParse(hex[..4], out ushort unit, out _, 'x') ? (char)unit : throw new FormatException("a \\u escape without four hexadecimal digits");
}
