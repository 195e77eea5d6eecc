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
    private readonly List<Entry> _entries;

    private HelperEntries(List<Entry> entries) => _entries = entries;

    /// <summary>A host, its helper when the value is a string, and the name and value as they are written.</summary>
    private sealed record Entry(string Host, string? Helper, byte[] WrittenName, byte[] WrittenValue);

    public static HelperEntries Empty() => new([]);

    /// <summary>The entries of <paramref name="helpers"/>, an object read from <paramref name="json"/>.</summary>
    public static HelperEntries Of(JsonItem helpers, ReadOnlySpan<byte> json)
    {
        var entries = new List<Entry>();
        foreach (var member in helpers.Members)
        {
            entries.Add(new Entry(
                member.Name,
                member.Value.Kind == JsonTokenType.String ? member.Value.Text : null,
                json[member.NameStart..member.NameEnd].ToArray(),
                json[member.Value.Start..member.Value.End].ToArray()));
        }
        return new HelperEntries(entries);
    }

    /// <summary>The helper named for each host; an entry whose value is not a string names none.</summary>
    public IReadOnlyDictionary<string, string> Named =>
        _entries.Where(entry => entry.Helper is not null).ToDictionary(entry => entry.Host, entry => entry.Helper!, StringComparer.Ordinal);

    public string? HelperOf(string host) => _entries.Find(entry => entry.Host == host)?.Helper;

    /// <summary>Names <paramref name="helper"/> for <paramref name="host"/>, in the host's place if it has one, else last.</summary>
    public void Name(string host, string helper)
    {
        var entry = new Entry(host, helper, Quoted(host), Quoted(helper));
        var index = _entries.FindIndex(existing => existing.Host == host);
        if (index < 0)
            _entries.Add(entry);
        else
            _entries[index] = entry with { WrittenName = _entries[index].WrittenName };
    }

    public void Remove(string host) => _entries.RemoveAll(entry => entry.Host == host);

    /// <summary>The object as text, indented as if it stood at <paramref name="depth"/> in a file indented so, as System.Text.Json's writer would lay it out.</summary>
    public byte[] Render(Indentation indentation, int depth)
    {
        using var text = new MemoryStream();
        text.WriteByte((byte)'{');
        for (var index = 0; index < _entries.Count; index++)
        {
            if (index > 0)
                text.WriteByte((byte)',');
            text.Write(Encoding.UTF8.GetBytes(indentation.NewLine(depth + 1)));
            text.Write(_entries[index].WrittenName);
            text.Write(indentation.Indented ? ": "u8 : ":"u8);
            text.Write(_entries[index].WrittenValue);
        }
        if (_entries.Count > 0)
            text.Write(Encoding.UTF8.GetBytes(indentation.NewLine(depth)));
        text.WriteByte((byte)'}');
        return text.ToArray();
    }

    /// <summary>A JSON string, keeping characters such as '&lt;', '&amp;' and non-ASCII as they are rather than as \u escapes.</summary>
    public static byte[] Quoted(string text) =>
        [(byte)'"', .. JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes, (byte)'"'];
}
