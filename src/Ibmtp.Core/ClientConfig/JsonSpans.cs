using System.Text;
using System.Text.Json;

namespace Ibmtp.ClientConfig;

/// <summary>Where things stand in a JSON object's text, in characters, so one member can be replaced and the rest left byte for byte.</summary>
/// <param name="Value">The start and end of the value of the member asked for, if the top-level object has it.</param>
/// <param name="LastMemberEnd">Where the top-level object's last member ends, or null when it has none.</param>
/// <param name="RootEnd">Just past the top-level object's closing brace.</param>
internal readonly record struct JsonSpans((int Start, int End)? Value, int? LastMemberEnd, int RootEnd)
{
    /// <summary>The spans in <paramref name="text"/>, which must hold one JSON object (already parsed once).</summary>
    public static JsonSpans Find(string text, string member)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes);
        (long Start, long End)? value = null;
        long? lastMemberEnd = null;
        long rootEnd = bytes.Length;
        string? property = null;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
            {
                rootEnd = reader.BytesConsumed;
                break;
            }
            if (reader.CurrentDepth != 1)
                continue;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                property = reader.GetString();
                continue;
            }
            // The value of a top-level member: a whole object or array is skipped to its end.
            var start = reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                reader.Skip();
            lastMemberEnd = reader.BytesConsumed;
            if (property == member)
                value = (start, reader.BytesConsumed);
        }
        return new JsonSpans(
            value is { } found ? (Characters(bytes, found.Start), Characters(bytes, found.End)) : null,
            lastMemberEnd is { } end ? Characters(bytes, end) : null,
            Characters(bytes, rootEnd));
    }

    private static int Characters(byte[] bytes, long byteOffset) => Encoding.UTF8.GetCharCount(bytes, 0, (int)byteOffset);
}
