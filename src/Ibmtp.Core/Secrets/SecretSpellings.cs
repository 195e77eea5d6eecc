using System.Buffers;
using System.Globalization;
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
        foreach (var character in _secret.EnumerateRunes())
            forms[count++] = FormsOf(character);
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
        var percent = new StringBuilder(utf8.Length * 3);
        foreach (var value in utf8)
            percent.Append('%').Append(value.ToString("X2", CultureInfo.InvariantCulture));
        var escaped = new StringBuilder(itself.Length * 6);
        foreach (var unit in itself)
            escaped.Append("\\u").Append(((int)unit).ToString("X4", CultureInfo.InvariantCulture));
        var space = character.Value == ' ';
        var escape = ShortJsonEscape(character.Value);
        var forms = new string[3 + (space ? 1 : 0) + (escape is null ? 0 : 1)];
        forms[0] = itself;
        forms[PercentEncoded] = percent.ToString();
        forms[UnicodeEscaped] = escaped.ToString();
        var next = 3;
        if (space)
            forms[next++] = "+";
        if (escape is not null)
            forms[next] = escape;
        return forms;
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
