using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ibmtp.ClientConfig;

/// <summary>
/// The members of a <c>credHelpers</c> object, each kept byte for byte as written until it is
/// changed, so that rewriting the object changes only the entries asked for.
/// </summary>
internal sealed class HelperEntries
{
    // An array grown by hand, with loops rather than LINQ: a list of Entry would add the static bases of
    // several generic types that every start of the helper allocates (see bench/startup-statics.md).
    private Entry[] _entries;
    private int _count;

    private HelperEntries(Entry[] entries, int count) => (_entries, _count) = (entries, count);

    /// <summary>A host, its helper when the value is a string, and the name and value as they are written.</summary>
    private sealed record Entry(string Host, string? Helper, byte[] WrittenName, byte[] WrittenValue);

    public static HelperEntries Empty() => new(new Entry[4], 0);

    /// <summary>The entries of <paramref name="helpers"/>, an object read from <paramref name="json"/>.</summary>
    public static HelperEntries Of(JsonItem helpers, ReadOnlySpan<byte> json)
    {
        var entries = new HelperEntries(new Entry[Math.Max(4, helpers.Members.Count)], 0);
        foreach (var member in helpers.Members)
        {
            entries.Add(new Entry(
                member.Name,
                member.Value.Kind == JsonTokenType.String ? member.Value.Text : null,
                json[member.NameStart..member.NameEnd].ToArray(),
                json[member.Value.Start..member.Value.End].ToArray()));
        }
        return entries;
    }

    /// <summary>The helper named for each host; an entry whose value is not a string names none.</summary>
    public IReadOnlyDictionary<string, string> Named
    {
        get
        {
            var named = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var index = 0; index < _count; index++)
            {
                if (_entries[index].Helper is { } helper)
                    named.Add(_entries[index].Host, helper);
            }
            return named;
        }
    }

    public string? HelperOf(string host) => IndexOf(host) is var index and >= 0 ? _entries[index].Helper : null;

    /// <summary>Names <paramref name="helper"/> for <paramref name="host"/>, in the host's place if it has one, else last.</summary>
    public void Name(string host, string helper)
    {
        var entry = new Entry(host, helper, Quoted(host), Quoted(helper));
        var index = IndexOf(host);
        if (index < 0)
            Add(entry);
        else
            _entries[index] = entry with { WrittenName = _entries[index].WrittenName };
    }

    public void Remove(string host)
    {
        var kept = 0;
        for (var index = 0; index < _count; index++)
        {
            if (_entries[index].Host != host)
                _entries[kept++] = _entries[index];
        }
        Array.Clear(_entries, kept, _count - kept);
        _count = kept;
    }

    private int IndexOf(string host)
    {
        for (var index = 0; index < _count; index++)
        {
            if (_entries[index].Host == host)
                return index;
        }
        return -1;
    }

    private void Add(Entry entry)
    {
        if (_count == _entries.Length)
            Array.Resize(ref _entries, _count * 2);
        _entries[_count++] = entry;
    }

    /// <summary>The object as text, indented as if it stood at <paramref name="depth"/> in a file indented so, as System.Text.Json's writer would lay it out.</summary>
    public byte[] Render(Indentation indentation, int depth)
    {
        using var text = new MemoryStream();
        text.WriteByte((byte)'{');
        for (var index = 0; index < _count; index++)
        {
            if (index > 0)
                text.WriteByte((byte)',');
            text.Write(Encoding.UTF8.GetBytes(indentation.NewLine(depth + 1)));
            text.Write(_entries[index].WrittenName);
            text.Write(indentation.Indented ? ": "u8 : ":"u8);
            text.Write(_entries[index].WrittenValue);
        }
        if (_count > 0)
            text.Write(Encoding.UTF8.GetBytes(indentation.NewLine(depth)));
        text.WriteByte((byte)'}');
        return text.ToArray();
    }

    /// <summary>A JSON string, keeping characters such as '&lt;', '&amp;' and non-ASCII as they are rather than as \u escapes.</summary>
    public static byte[] Quoted(string text) =>
        [(byte)'"', .. JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes, (byte)'"'];
}
