using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ibmtp.ClientConfig;

/// <summary>
/// A JSON value read from a file's bytes, with where it stands in them, so that one member can be
/// replaced and every other byte kept. Names and strings are read as the clients read them (see
/// <see cref="JsonStrings"/>); a name twice in one object is refused, unless asked to be kept.
/// </summary>
internal sealed class JsonItem
{
    private JsonItem(JsonTokenType kind, int start, int end, string? text = null, string? written = null, IReadOnlyList<JsonMember>? members = null)
    {
        Kind = kind;
        Start = start;
        End = end;
        Text = text;
        Written = written;
        Members = members ?? [];
    }

    /// <summary><see cref="JsonTokenType.StartObject"/>, <see cref="JsonTokenType.StartArray"/>, or the token of a single value.</summary>
    public JsonTokenType Kind { get; }

    /// <summary>Where the value starts in the bytes.</summary>
    public int Start { get; }

    /// <summary>Just past the value's end in the bytes.</summary>
    public int End { get; }

    /// <summary>A string's text, as the clients read it.</summary>
    public string? Text { get; }

    /// <summary>A string as written between its quotes, escapes and all.</summary>
    public string? Written { get; }

    /// <summary>An object's members, in order; none for any other value.</summary>
    public IReadOnlyList<JsonMember> Members { get; }

    public bool IsObject => Kind == JsonTokenType.StartObject;

    /// <summary>The string value of the member named <paramref name="name"/>, if this is an object with one.</summary>
    public string? StringOf(string name) => Member(name)?.Value is { Kind: JsonTokenType.String } value ? value.Text : null;

    public JsonMember? Member(string name)
    {
        foreach (var member in Members)
        {
            if (member.Name == name)
                return member;
        }
        return null;
    }

    /// <summary>
    /// The one value <paramref name="json"/> holds. Throws <see cref="JsonException"/> for anything
    /// that is not JSON, or that has a name twice in one object (the clients would each read a
    /// different one), with System.Text.Json's own wording.
    /// </summary>
    /// <param name="keepRepeatedNames">
    /// Keeps each member of a name repeated in one object, in order, for a value read only as Go's
    /// decoder reads it (each in turn into the same field, so the last one wins), rather than refusing it.
    /// </param>
    public static JsonItem Parse(ReadOnlySpan<byte> json, bool keepRepeatedNames = false)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var root = Read(ref reader, keepRepeatedNames);
        // Reading on checks that nothing but whitespace follows the value.
        while (reader.Read())
        {
        }
        return root;
    }

    private static JsonItem Read(ref Utf8JsonReader reader, bool keepRepeatedNames)
    {
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                // An array grown by hand rather than a list: a list of JsonMember would add the static
                // bases of several generic types that every start of the helper allocates (see bench/startup-statics.md).
                var members = new JsonMember[4];
                var count = 0;
                var names = keepRepeatedNames ? null : new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var nameStart = (int)reader.TokenStartIndex;
                    var nameEnd = nameStart + reader.ValueSpan.Length + 2;
                    var name = JsonStrings.Decode(reader.ValueSpan);
                    if (names?.Add(name) == false)
                        throw new JsonException($"Duplicate property '{JsonEncodedText.Encode(name, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}' encountered during deserialization.");
                    reader.Read();
                    if (count == members.Length)
                        Array.Resize(ref members, count * 2);
                    members[count++] = new JsonMember(name, nameStart, nameEnd, Read(ref reader, keepRepeatedNames));
                }
                Array.Resize(ref members, count);
                return new JsonItem(JsonTokenType.StartObject, start, (int)reader.BytesConsumed, members: members);
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    Read(ref reader, keepRepeatedNames);
                return new JsonItem(JsonTokenType.StartArray, start, (int)reader.BytesConsumed);
            case JsonTokenType.String:
                return new JsonItem(JsonTokenType.String, start, (int)reader.BytesConsumed, JsonStrings.Decode(reader.ValueSpan), Encoding.UTF8.GetString(reader.ValueSpan));
            default:
                return new JsonItem(reader.TokenType, start, (int)reader.BytesConsumed);
        }
    }
}
