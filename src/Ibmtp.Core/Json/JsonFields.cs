using System.Text.Json;

namespace Ibmtp.Json;

/// <summary>
/// Reading a JSON object field by field with System.Text.Json's document, under the rules of the
/// serializer that the `get` paths no longer use (its metadata is configured by reflection on every
/// call, bench/startup-layout.md): names match exactly, unknown fields are ignored, the last of a
/// repeated field wins, and a field of the wrong type is a <see cref="JsonException"/> naming it.
/// </summary>
internal static class JsonFields
{
    /// <summary>Reads an object with <paramref name="read"/>; a JSON null is null, anything else but an object is refused.</summary>
    public static T? Read<T>(byte[] json, Func<JsonElement, T> read) where T : class
    {
        using var document = JsonDocument.Parse(json);
        try
        {
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Object => read(document.RootElement),
                _ => throw new JsonException("not an object", "$", null, null),
            };
        }
        catch (InvalidOperationException invalidText)
        {
            // The document checks a string's UTF-8 only when the string is decoded.
            throw new JsonException("a string is not UTF-8", invalidText);
        }
    }

    /// <summary>The field's value, the last one if it is repeated; null when it is missing.</summary>
    public static JsonElement? Field(JsonElement parent, string name)
    {
        JsonElement? found = null;
        foreach (var property in parent.EnumerateObject())
        {
            if (property.NameEquals(name))
                found = property.Value;
        }
        return found;
    }

    /// <summary>A string field; null when it is missing or null.</summary>
    public static string? Text(JsonElement parent, string name) =>
        Field(parent, name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => throw WrongType(name),
        };

    public static JsonException WrongType(string field) => new($"'{field}' has the wrong type", $"$.{field}", null, null);
}
