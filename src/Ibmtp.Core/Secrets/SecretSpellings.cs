using System.Buffers;
using System.Text;

namespace Ibmtp.Secrets;

/// <summary>
/// Finds one secret in a text however a server, a proxy or a client library spelled it back. Encoders
/// differ in which characters they leave as they are (Python's <c>quote</c> keeps <c>/</c>,
/// JavaScript's <c>encodeURIComponent</c> keeps <c>!'()*</c>, a form encoder writes a space as
/// <c>+</c>) and in the case of their hex digits, so each character of the secret may take any of its
/// forms: itself, percent-encoded in either case, <c>+</c> for a space, or JSON-escaped (<c>\u</c> in
/// either case, or a short escape such as <c>\/</c>).
/// </summary>
internal sealed class SecretSpellings
{
    private readonly string _secret;
    // Each character's forms, in the order FormsOf writes them; the percent-encoded and \u-escaped ones
    // have hex digits. Strings rather than a type of their own: arrays of a type of their own would add
    // static bases that every start of the helper allocates (see bench/startup-statics.md).
    private string[][] _forms = [];
    private SearchValues<char>? _firstCharacters;
    // Where each character's form starts and which form is being tried: the search backtracks without recursion, however long the secret.
    private int[] _starts = [];
    private int[] _tried = [];

    /// <summary>Keeps the secret; its forms are worked out when a text is first redacted, which most calls never do.</summary>
    public SecretSpellings(string secret) => _secret = secret;

    /// <summary>Replaces every spelling of the secret in <paramref name="text"/> with <paramref name="mask"/>. Not for two threads at once.</summary>
    public string Replace(string text, string mask)
    {
        // Every form of a character is at least as long as the character, so no spelling of the secret
        // fits in a shorter text; a get's one log line is shorter than a refresh token.
        if (text.Length < _secret.Length)
            return text;
        if (_firstCharacters is null)
            Prepare();
        StringBuilder? redacted = null;
        var copied = 0;
        var at = text.AsSpan().IndexOfAny(_firstCharacters!);
        while (at >= 0)
        {
            var length = MatchAt(text, at);
            if (length > 0)
            {
                (redacted ??= new StringBuilder(text.Length)).Append(text, copied, at - copied).Append(mask);
                copied = at + length;
            }
            var from = length > 0 ? at + length : at + 1;
            var next = from < text.Length ? text.AsSpan(from).IndexOfAny(_firstCharacters!) : -1;
            at = next < 0 ? -1 : from + next;
        }
        return redacted is null ? text : redacted.Append(text, copied, text.Length - copied).ToString();
    }

    private void Prepare()
    {
        var forms = new string[_secret.Length][];
        var count = 0;
        // A token repeats the few dozen characters of its alphabet: each one's forms are worked out once.
        var asciiForms = new string[128][];
        foreach (var character in _secret.EnumerateRunes())
            forms[count++] = character.IsAscii ? asciiForms[character.Value] ??= FormsOf(character) : FormsOf(character);
        Array.Resize(ref forms, count);
        _forms = forms;
        var first = new char[count == 0 ? 0 : forms[0].Length];
        for (var index = 0; index < first.Length; index++)
            first[index] = forms[0][index][0];
        _firstCharacters = SearchValues.Create(first);
        _starts = new int[_forms.Length + 1];
        _tried = new int[_forms.Length + 1];
    }

    /// <summary>How long the secret's spelling that starts at <paramref name="at"/> is, or 0 when none does.</summary>
    private int MatchAt(string text, int at)
    {
        var character = 0;
        _starts[0] = at;
        _tried[0] = 0;
        while (true)
        {
            if (character == _forms.Length)
                return _starts[character] - at;
            var forms = _forms[character];
            var advanced = false;
            while (_tried[character] < forms.Length)
            {
                var form = _tried[character]++;
                if (IsAt(text, _starts[character], forms[form], anyHexCase: form is PercentEncoded or UnicodeEscaped))
                {
                    _starts[character + 1] = _starts[character] + forms[form].Length;
                    _tried[++character] = 0;
                    advanced = true;
                    break;
                }
            }
            if (advanced)
                continue;
            if (character == 0)
                return 0;
            character--;
        }
    }

    private const int PercentEncoded = 1;
    private const int UnicodeEscaped = 2;

    /// <summary>The character itself, percent-encoded, \u-escaped, then <c>+</c> for a space and its short JSON escape if it has them.</summary>
    private static string[] FormsOf(Rune character)
    {
        var itself = character.ToString();
        Span<byte> utf8 = stackalloc byte[4];
        utf8 = utf8[..character.EncodeToUtf8(utf8)];
        Span<char> percent = stackalloc char[12];
        for (var index = 0; index < utf8.Length; index++)
        {
            percent[3 * index] = '%';
            HexDigits(utf8[index], percent.Slice(3 * index + 1, 2));
        }
        Span<char> escaped = stackalloc char[12];
        for (var index = 0; index < itself.Length; index++)
        {
            escaped[6 * index] = '\\';
            escaped[6 * index + 1] = 'u';
            HexDigits((byte)(itself[index] >> 8), escaped.Slice(6 * index + 2, 2));
            HexDigits((byte)itself[index], escaped.Slice(6 * index + 4, 2));
        }
        var space = character.Value == ' ';
        var escape = ShortJsonEscape(character.Value);
        var forms = new string[3 + (space ? 1 : 0) + (escape is null ? 0 : 1)];
        forms[0] = itself;
        forms[PercentEncoded] = percent[..(3 * utf8.Length)].ToString();
        forms[UnicodeEscaped] = escaped[..(6 * itself.Length)].ToString();
        var next = 3;
        if (space)
            forms[next++] = "+";
        if (escape is not null)
            forms[next] = escape;
        return forms;
    }

    // Upper case; the search matches hex digits in either case. Formatting each with a culture's number rules cost a tenth of a get that redacts a long token.
    private static void HexDigits(byte value, Span<char> destination)
    {
        const string Digits = "0123456789ABCDEF";
        destination[0] = Digits[value >> 4];
        destination[1] = Digits[value & 0xF];
    }

    private static string? ShortJsonEscape(int character) => character switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '/' => "\\/",
        '\b' => "\\b",
        '\f' => "\\f",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ => null,
    };

    /// <param name="anyHexCase">An encoded form, whose hex digits a server may write in either case; the character itself keeps its case.</param>
    private static bool IsAt(string text, int at, string form, bool anyHexCase) =>
        at + form.Length <= text.Length
        && text.AsSpan(at, form.Length).Equals(form, anyHexCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
