using System.Buffers;
using System.Text.Unicode;

namespace Ibmtp.Yaml;

/// <summary>
/// Reads the plain YAML a configuration file is written in, and JSON (which is YAML), into
/// <see cref="YamlNode"/>s: block mappings and sequences indented with spaces, <c>- key: value</c>
/// entries, flow sequences and mappings (across lines too), plain, single- and double-quoted
/// scalars on one line, comments, an optional <c>---</c> and <c>...</c>, CRLF and a UTF-8 BOM.
/// Anything else is refused with a <see cref="YamlRefusal"/> naming its line, never guessed at:
/// anchors and aliases, tags, block scalars, scalars across lines, complex keys, directives,
/// several documents, a key given twice, tabs in indentation, bytes that are not UTF-8.
/// It exists so that the helper links no YAML library, whose static fields every start would pay
/// for (bench/startup-statics.md).
/// </summary>
public sealed class StrictYamlReader
{
    private readonly string text;
    private readonly int[] lineStarts;
    private int pos;

    /// <summary>The indent of the block a flow collection being read belongs to; its lines must go deeper (-1: none).</summary>
    private int flowOwnerIndent = -1;

    private StrictYamlReader(string text)
    {
        this.text = text;
        lineStarts = LineStarts(text);
    }

    /// <summary>The document's root, or null for a stream with no document; throws <see cref="YamlRefusal"/>.</summary>
    public static YamlNode? Read(ReadOnlySpan<byte> bytes) => new StrictYamlReader(Decode(bytes)).Document();

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        var chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
            throw YamlRefusal.NotUtf8(bytes[..read].Count((byte)'\n') + 1);
        var decoded = new string(chars, 0, written).Replace("\r\n", "\n", StringComparison.Ordinal);
        for (var i = 0; i < decoded.Length; i++)
        {
            var c = decoded[i];
            if (c == '\r')
                throw YamlRefusal.Unsupported(LineOf(decoded, i), "a carriage return without a line feed as a line end");
            if ((c < ' ' && c is not '\n' and not '\t') || c is (>= '\u007F' and <= '\u009F') or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF')
                throw YamlRefusal.Invalid(LineOf(decoded, i), $"it holds the control character U+{(int)c:X4}");
        }
        return decoded;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    private static int[] LineStarts(string text)
    {
        var starts = new int[text.AsSpan().Count('\n') + 1];
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
                starts[line++] = i + 1;
        }
        return starts;
    }

    private int Line => Line0(pos) + 1;

    private int Line0(int at)
    {
        var found = Array.BinarySearch(lineStarts, at);
        return found >= 0 ? found : ~found - 1;
    }

    private int Column => pos - lineStarts[Line0(pos)];

    private char Peek(int ahead = 0) => pos + ahead < text.Length ? text[pos + ahead] : '\0';

    private bool AtEnd => pos >= text.Length;

    private bool AtLineEnd => AtEnd || text[pos] == '\n';

    private bool IsBlankOrEnd(int ahead) => Peek(ahead) is ' ' or '\t' or '\n' or '\0';

    private bool IsMarker(string marker) =>
        Column == 0 && text.AsSpan(pos).StartsWith(marker, StringComparison.Ordinal) && IsBlankOrEnd(3);

    private bool AtSequenceEntry => Peek() == '-' && IsBlankOrEnd(1);

    private YamlNode? Document()
    {
        SkipBlankLines();
        // A "..." before any document ends none: YAML reads on, as YamlDotNet does.
        var endedNone = false;
        while (IsMarker("..."))
        {
            pos += 3;
            EndOfLine();
            SkipBlankLines();
            endedNone = true;
        }
        if (AtEnd)
            return null;
        if (Peek() == '%')
            throw YamlRefusal.Unsupported(Line, "a directive (%)");
        // YamlDotNet refuses a bare document there; one that starts with "---" it reads.
        if (endedNone && !IsMarker("---"))
            throw YamlRefusal.Unsupported(Line, "a document after '...' that does not start with '---'");
        YamlNode root;
        if (IsMarker("---"))
        {
            pos += 3;
            SkipSpaces();
            root = AtLineEnd || Peek() == '#' ? NextLineNode(-1, sequenceMayShareIndent: false) : InlineNode(-1);
        }
        else
        {
            root = NodeAtLineStart(-1, sequenceMayShareIndent: false);
        }
        SkipBlankLines();
        var ended = IsMarker("...");
        if (ended)
        {
            pos += 3;
            EndOfLine();
            SkipBlankLines();
        }
        if (AtEnd)
            return root;
        if (ended || IsMarker("---") || IsMarker("..."))
            throw YamlRefusal.Unsupported(Line, "several documents");
        throw YamlRefusal.Invalid(Line, "this line is not indented like any before it");
    }

    /// <summary>Skips lines that are empty or hold only a comment; <see cref="pos"/> is at a line's start, and stays at the start of the next line with content.</summary>
    private void SkipBlankLines()
    {
        while (!AtEnd)
        {
            var start = pos;
            while (Peek() == ' ')
                pos++;
            if (Peek() == '\t')
                throw YamlRefusal.Unsupported(Line, "a tab in indentation");
            if (Peek() == '#')
                SkipToLineEnd();
            if (!AtLineEnd)
            {
                pos = start;
                return;
            }
            if (!AtEnd)
                pos++;
        }
    }

    private void SkipToLineEnd()
    {
        while (!AtLineEnd)
            pos++;
    }

    private int CountIndent()
    {
        var indent = 0;
        while (Peek(indent) == ' ')
            indent++;
        return indent;
    }

    private void SkipSpaces()
    {
        while (Peek() == ' ')
            pos++;
        if (Peek() == '\t')
            throw YamlRefusal.Unsupported(Line, "a tab where YAML reads only spaces before a value");
    }

    /// <summary>After a value: blanks, then a comment or the line's end, past which <see cref="pos"/> moves.</summary>
    private void EndOfLine()
    {
        SkipBlanks();
        if (Peek() == '#' && (pos == 0 || text[pos - 1] is ' ' or '\t' or '\n'))
            SkipToLineEnd();
        if (!AtLineEnd)
            throw YamlRefusal.Invalid(Line, $"unexpected '{Peek()}' after a value");
        if (!AtEnd)
            pos++;
    }

    /// <summary>The block node that starts at the next line with content, if it is indented under its owner (a sequence may share its key's indent); else the empty value.</summary>
    private YamlNode NextLineNode(int ownerIndent, bool sequenceMayShareIndent)
    {
        SkipToLineEnd();
        if (!AtEnd)
            pos++;
        SkipBlankLines();
        return NodeAtLineStart(ownerIndent, sequenceMayShareIndent);
    }

    private YamlNode NodeAtLineStart(int ownerIndent, bool sequenceMayShareIndent)
    {
        if (AtEnd || IsMarker("---") || IsMarker("..."))
            return Empty;
        var indent = CountIndent();
        var shares = indent == ownerIndent && sequenceMayShareIndent && Peek(indent) == '-' && (Peek(indent + 1) is ' ' or '\t' or '\n' or '\0');
        if (indent <= ownerIndent && !shares)
            return Empty;
        pos += indent;
        return BlockContent(ownerIndent, collections: true);
    }

    private static YamlScalar Empty => new("");

    /// <summary>A value on the line of its key: a scalar or a flow collection, never a block collection.</summary>
    private YamlNode InlineNode(int ownerIndent) => BlockContent(ownerIndent, collections: false);

    /// <summary>
    /// The node at <see cref="pos"/>, in block context: a block sequence or mapping that starts here (when
    /// <paramref name="collections"/>), a flow collection, or a scalar. Ends at the start of the line after it.
    /// </summary>
    private YamlNode BlockContent(int ownerIndent, bool collections)
    {
        var column = Column;
        var line = Line;
        if (AtSequenceEntry)
        {
            return collections
                ? BlockSequence(column)
                : throw YamlRefusal.Invalid(line, "a '- ' entry on the line of its key");
        }
        RefuseIndicators();
        if (Peek() is '[' or '{')
        {
            flowOwnerIndent = ownerIndent;
            var flow = Flow();
            flowOwnerIndent = -1;
            SkipBlanks();
            if (Peek() == ':')
                throw YamlRefusal.Unsupported(line, "a [ ] or { } collection as a key");
            EndOfLine();
            return flow;
        }
        var plain = Peek() is not ('\'' or '"');
        var scalar = BlockScalar();
        SkipBlanks();
        if (Peek() == ':' && IsBlankOrEnd(1))
        {
            RefuseUnusualPlainKey(plain, scalar, line);
            return collections
                ? BlockMapping(column, scalar, line)
                : throw YamlRefusal.Invalid(line, "a key: value on the line of another key");
        }
        EndOfLine();
        if (plain)
            RefuseContinuation(ownerIndent);
        return new YamlScalar(scalar);
    }

    /// <summary>A plain scalar goes on over lines indented under its owner; those are refused, not joined.</summary>
    private void RefuseContinuation(int ownerIndent)
    {
        var at = pos;
        while (at < text.Length)
        {
            var indent = 0;
            while (at + indent < text.Length && text[at + indent] == ' ')
                indent++;
            var next = at + indent < text.Length ? text[at + indent] : '\n';
            if (next == '\n')
            {
                at += indent + 1;
                continue;
            }
            if (indent > ownerIndent && next != '#')
                throw YamlRefusal.Unsupported(Line0(at) + 1, "a plain value that goes on over several lines");
            return;
        }
    }

    private void RefuseIndicators()
    {
        var line = Line;
        switch (Peek())
        {
            case '&':
                throw YamlRefusal.Unsupported(line, "an anchor (&)");
            case '*':
                throw YamlRefusal.Unsupported(line, "an alias (*)");
            case '!':
                throw YamlRefusal.Unsupported(line, "a tag (!)");
            case '|' or '>':
                throw YamlRefusal.Unsupported(line, "a block scalar (| or >)");
            case '?' when IsBlankOrEnd(1):
                throw YamlRefusal.Unsupported(line, "a complex key (?)");
            case '%':
                throw YamlRefusal.Unsupported(line, "a directive (%)");
            case '@' or '`' or '#':
                throw YamlRefusal.Invalid(line, $"a value cannot start with '{Peek()}'");
            case ',' or ']' or '}':
                throw YamlRefusal.Invalid(line, $"unexpected '{Peek()}'");
            case ':' when IsBlankOrEnd(1):
                throw YamlRefusal.Invalid(line, "a ':' with no key before it");
        }
    }

    private YamlSequence BlockSequence(int indent)
    {
        var items = new YamlNode[4];
        var count = 0;
        while (true)
        {
            pos++;
            Append(ref items, ref count, BlockValue(indent, afterKey: false));
            SkipBlankLines();
            if (AtEnd || IsMarker("---") || IsMarker("..."))
                break;
            var next = CountIndent();
            if (next != indent || Peek(next) != '-' || !(Peek(next + 1) is ' ' or '\t' or '\n' or '\0'))
                break;
            pos += next;
        }
        return new YamlSequence(items[..count]);
    }

    private YamlMapping BlockMapping(int indent, string firstKey, int firstLine)
    {
        var entries = new YamlEntry[4];
        var count = 0;
        var key = firstKey;
        var line = firstLine;
        while (true)
        {
            pos++;
            for (var i = 0; i < count; i++)
            {
                if (entries[i].Key == key)
                    throw YamlRefusal.DuplicateKey(line, key);
            }
            Append(ref entries, ref count, new YamlEntry(key, BlockValue(indent, afterKey: true)));
            SkipBlankLines();
            if (AtEnd || IsMarker("---") || IsMarker("..."))
                break;
            var next = CountIndent();
            if (next < indent)
                break;
            line = Line;
            if (next > indent)
                throw YamlRefusal.Invalid(line, "this line is indented more than the key before it, with no key to be under");
            pos += next;
            if (AtSequenceEntry)
                throw YamlRefusal.Invalid(line, "a '- ' entry where a key was expected");
            key = BlockKey();
        }
        return new YamlMapping(entries[..count]);
    }

    /// <summary>
    /// A provider config's keys are field names. YamlDotNet reads other plain keys in ways of its own (it
    /// refuses <c>:x:</c>, and reads a line with quotes and colons in it as one value), so a plain key
    /// is kept to the characters field names use, and anything else must be quoted.
    /// </summary>
    private static void RefuseUnusualPlainKey(bool plain, string key, int line)
    {
        if (!plain)
            return;
        foreach (var character in key)
        {
            if (!(char.IsLetterOrDigit(character) || character is '-' or '_' or '.' or '/'))
                throw YamlRefusal.Unsupported(line, $"a plain key with '{character}' in it (quote the key)");
        }
    }

    private string BlockKey()
    {
        var line = Line;
        RefuseIndicators();
        if (Peek() is '[' or '{')
            throw YamlRefusal.Unsupported(line, "a [ ] or { } collection as a key");
        var plain = Peek() is not ('\'' or '"');
        var key = BlockScalar();
        RefuseUnusualPlainKey(plain, key, line);
        SkipBlanks();
        return Peek() == ':' && IsBlankOrEnd(1)
            ? key
            : throw YamlRefusal.Invalid(line, "a line that is not 'key: value' among keys");
    }

    /// <summary>The value after a key's ':' or a sequence entry's '-', on this line or indented on the next.</summary>
    private YamlNode BlockValue(int ownerIndent, bool afterKey)
    {
        SkipSpaces();
        if (AtLineEnd || Peek() == '#')
            return NextLineNode(ownerIndent, sequenceMayShareIndent: afterKey);
        return afterKey ? InlineNode(ownerIndent) : BlockContent(ownerIndent, collections: true);
    }

    private void SkipBlanks()
    {
        while (Peek() is ' ' or '\t')
            pos++;
    }

    /// <summary>A scalar on one line, in block context: quoted, or plain up to ': ', ' #' or the line's end.</summary>
    private string BlockScalar()
    {
        if (Peek() is '\'' or '"')
            return Quoted();
        var start = pos;
        while (!AtLineEnd)
        {
            if (Peek() == ':' && IsBlankOrEnd(1))
                break;
            if (Peek() == '#' && text[pos - 1] is ' ' or '\t')
                break;
            pos++;
        }
        return text[start..pos].TrimEnd(' ', '\t');
    }

    private YamlNode Flow()
    {
        var line = Line;
        var sequence = Peek() == '[';
        pos++;
        if (sequence)
        {
            var items = new YamlNode[4];
            var count = 0;
            while (true)
            {
                SkipFlowBlanks();
                if (Peek() == ']')
                    break;
                Append(ref items, ref count, FlowItem());
                SkipFlowBlanks();
                if (Peek() == ':')
                    throw YamlRefusal.Unsupported(Line, "a key: value pair inside [ ]");
                if (Peek() == ',')
                    pos++;
                else if (Peek() != ']')
                    throw FlowUnclosed(line, ']');
            }
            pos++;
            return new YamlSequence(items[..count]);
        }
        var entries = new YamlEntry[4];
        var entryCount = 0;
        while (true)
        {
            SkipFlowBlanks();
            if (Peek() == '}')
                break;
            var keyLine = Line;
            if (Peek() is '[' or '{')
                throw YamlRefusal.Unsupported(keyLine, "a [ ] or { } collection as a key");
            RefuseIndicators();
            var key = FlowScalar();
            SkipBlanks();
            YamlNode value = Empty;
            if (Peek() == ':')
            {
                pos++;
                SkipFlowBlanks();
                if (Peek() is not (',' or '}'))
                    value = FlowItem();
            }
            else if (AtLineEnd)
            {
                throw YamlRefusal.Unsupported(keyLine, "a key whose ':' is on another line");
            }
            for (var i = 0; i < entryCount; i++)
            {
                if (entries[i].Key == key)
                    throw YamlRefusal.DuplicateKey(keyLine, key);
            }
            Append(ref entries, ref entryCount, new YamlEntry(key, value));
            SkipFlowBlanks();
            if (Peek() == ',')
                pos++;
            else if (Peek() != '}')
                throw FlowUnclosed(line, '}');
        }
        pos++;
        return new YamlMapping(entries[..entryCount]);
    }

    private YamlRefusal FlowUnclosed(int opened, char close) =>
        AtEnd
            ? YamlRefusal.Invalid(opened, $"a collection opened here is never closed with '{close}'")
            : YamlRefusal.Invalid(Line, $"expected ',' or '{close}', found '{Peek()}'");

    private YamlNode FlowItem()
    {
        RefuseIndicators();
        if (Peek() is '[' or '{')
            return Flow();
        return new YamlScalar(FlowScalar());
    }

    /// <summary>A scalar in a flow collection: quoted, or plain up to ',', a bracket, ': ' or ' #', on one line (after a plain key, YamlDotNet takes ':' as the value's only before a blank).</summary>
    private string FlowScalar()
    {
        if (Peek() is '\'' or '"')
            return Quoted();
        var line = Line;
        // In [ ] or { }, YamlDotNet takes a '-' before a blank or a bracket as a block entry, and refuses it.
        if (Peek() == '-' && (IsBlankOrEnd(1) || Peek(1) is ',' or '[' or ']' or '{' or '}'))
            throw YamlRefusal.Invalid(line, "a '- ' entry inside [ ] or { }");
        var start = pos;
        while (!AtLineEnd && Peek() is not (',' or '[' or ']' or '{' or '}'))
        {
            if (Peek() == ':')
            {
                if (IsBlankOrEnd(1))
                    break;
                throw YamlRefusal.Unsupported(line, "a ':' inside a plain value in [ ] or { } (quote the value)");
            }
            if (Peek() == '#' && text[pos - 1] is ' ' or '\t')
                break;
            pos++;
        }
        var value = text[start..pos].TrimEnd(' ', '\t');
        if (AtLineEnd)
        {
            var after = pos;
            SkipFlowBlanks();
            var continues = !AtEnd && Peek() is not (',' or ']' or '}' or ':');
            pos = after;
            if (continues)
                throw YamlRefusal.Unsupported(line, "a plain value that goes on over several lines");
        }
        return value;
    }

    /// <summary>Blanks, line ends and comments between the parts of a flow collection.</summary>
    private void SkipFlowBlanks()
    {
        while (!AtEnd)
        {
            if (Peek() == '\n')
            {
                pos++;
                RefuseFlowLineOutdented();
            }
            else if (Peek() is ' ' or '\t')
            {
                pos++;
            }
            else if (Peek() == '#' && (pos == 0 || text[pos - 1] is ' ' or '\t' or '\n'))
            {
                SkipToLineEnd();
            }
            else
            {
                if (IsMarker("---") || IsMarker("..."))
                    throw YamlRefusal.Invalid(Line, "a document marker inside [ ] or { }");
                return;
            }
        }
    }

    /// <summary>
    /// YAML wants a flow collection's lines indented deeper than the block it sits in; YamlDotNet reads a
    /// closing bracket there, but refuses a value, so this reader refuses whatever it would not read alike.
    /// </summary>
    private void RefuseFlowLineOutdented()
    {
        var indent = CountIndent();
        var first = Peek(indent);
        if (indent <= flowOwnerIndent && first is not (']' or '}' or '#' or '\n' or '\0'))
            throw YamlRefusal.Unsupported(Line, "a line inside [ ] or { } that is not indented under its key");
    }

    private string Quoted()
    {
        var line = Line;
        var quote = Peek();
        pos++;
        var value = new System.Text.StringBuilder();
        while (true)
        {
            if (AtLineEnd)
            {
                throw AtEnd
                    ? YamlRefusal.Invalid(line, "a quoted value that is never closed")
                    : YamlRefusal.Unsupported(line, "a quoted value that goes on over several lines");
            }
            var c = text[pos++];
            if (c == quote)
            {
                if (quote == '\'' && Peek() == '\'')
                {
                    pos++;
                    value.Append('\'');
                    continue;
                }
                return value.ToString();
            }
            if (c == '\\' && quote == '"')
                Escape(value, line);
            else
                value.Append(c);
        }
    }

    private void Escape(System.Text.StringBuilder value, int line)
    {
        var c = Peek();
        pos++;
        switch (c)
        {
            case '0': value.Append('\0'); break;
            case 'a': value.Append('\a'); break;
            case 'b': value.Append('\b'); break;
            case 't' or '\t': value.Append('\t'); break;
            case 'n': value.Append('\n'); break;
            case 'v': value.Append('\v'); break;
            case 'f': value.Append('\f'); break;
            case 'r': value.Append('\r'); break;
            case 'e': value.Append('\u001B'); break;
            case ' ' or '"' or '/' or '\\': value.Append(c); break;
            case 'N': value.Append('\u0085'); break;
            case '_': value.Append('\u00A0'); break;
            case 'L': value.Append('\u2028'); break;
            case 'P': value.Append('\u2029'); break;
            case 'x': value.Append(char.ConvertFromUtf32(Hex(2, line))); break;
            case 'u': value.Append(char.ConvertFromUtf32(Hex(4, line))); break;
            case 'U': value.Append(char.ConvertFromUtf32(Hex(8, line))); break;
            case '\n' or '\0':
                throw YamlRefusal.Unsupported(line, "a quoted value that goes on over several lines");
            default:
                throw YamlRefusal.Invalid(line, $"'\\{c}' is not an escape in a double-quoted value");
        }
    }

    private int Hex(int digits, int line)
    {
        if (pos + digits > text.Length || !int.TryParse(text.AsSpan(pos, digits), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
            throw YamlRefusal.Invalid(line, $"an escape that needs {digits} hexadecimal digits");
        pos += digits;
        if (code is (>= 0xD800 and <= 0xDFFF) or > 0x10FFFF or < 0)
            throw YamlRefusal.Unsupported(line, "an escape of a surrogate or of no character");
        return code;
    }

    private static void Append<T>(ref T[] items, ref int count, T item)
    {
        if (count == items.Length)
            Array.Resize(ref items, count * 2);
        items[count++] = item;
    }
}
