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
    private Form[][] _forms = [];
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
        var forms = new List<Form[]>();
        foreach (var character in _secret.EnumerateRunes())
            forms.Add(FormsOf(character));
        _forms = [.. forms];
        _firstCharacters = SearchValues.Create(_forms.Length == 0 ? [] : _forms[0].Select(form => form.Text[0]).Distinct().ToArray());
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
                var form = forms[_tried[character]++];
                if (form.IsAt(text, _starts[character]))
                {
                    _starts[character + 1] = _starts[character] + form.Text.Length;
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

    private static Form[] FormsOf(Rune character)
    {
        var itself = character.ToString();
        var utf8 = new byte[character.Utf8SequenceLength];
        character.EncodeToUtf8(utf8);
        var utf16 = itself.ToCharArray();
        var forms = new List<Form>
        {
            new(itself, AnyHexCase: false),
            new(string.Concat(utf8.Select(value => $"%{value:X2}")), AnyHexCase: true),
            new(string.Concat(utf16.Select(unit => $"\\u{(int)unit:X4}")), AnyHexCase: true),
        };
        if (character.Value == ' ')
            forms.Add(new("+", AnyHexCase: false));
        if (ShortJsonEscape(character.Value) is { } escape)
            forms.Add(new(escape, AnyHexCase: false));
        return [.. forms];
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

    /// <param name="AnyHexCase">An encoded form, whose hex digits a server may write in either case; the character itself keeps its case.</param>
    private sealed record Form(string Text, bool AnyHexCase)
    {
        public bool IsAt(string text, int at) =>
            at + Text.Length <= text.Length
            && text.AsSpan(at, Text.Length).Equals(Text, AnyHexCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
