using System.Text.Json;
using Ibmtp.Files;
using Ibmtp.Secrets;

namespace Ibmtp.Keystores.EncryptedFile;

/// <summary>
/// Reads the keystore's envelope and contents with System.Text.Json's document, field by field. The
/// serializer still writes them (<see cref="KeystoreJsonContext"/>), but reading through it configured
/// its metadata by reflection first, a fifth of a keystore `get` (bench/startup-layout.md). Reading
/// follows the serializer's rules: the names it writes, matched exactly; unknown fields ignored; the
/// last of a repeated field wins; a field of the wrong type is a <see cref="JsonException"/>.
/// </summary>
internal static class KeystoreJsonReader
{
    private static readonly string Format = Named(nameof(KeystoreEnvelope.Format));
    private static readonly string KeySource = Named(nameof(KeystoreEnvelope.KeySource));
    private static readonly string Salt = Named(nameof(KeystoreEnvelope.Salt));
    private static readonly string Iterations = Named(nameof(KeystoreEnvelope.Iterations));
    private static readonly string Sealed = Named(nameof(KeystoreEnvelope.Sealed));
    private static readonly string Nonce = Named(nameof(SealedBox.Nonce));
    private static readonly string Ciphertext = Named(nameof(SealedBox.Ciphertext));
    private static readonly string Tag = Named(nameof(SealedBox.Tag));
    private static readonly string Entries = Named(nameof(KeystoreContents.Entries));
    private static readonly string Username = Named(nameof(StoredLogin.Username));
    private static readonly string Secret = Named(nameof(StoredLogin.Secret));

    /// <summary>
    /// The envelope, or null for a JSON null. As with the serializer, a missing <c>sealed</c> box keeps its
    /// initial (empty) value and a null one is null; a box without its nonce, ciphertext or tag is damaged.
    /// </summary>
    public static KeystoreEnvelope? ReadEnvelope(byte[] json) =>
        Read(json, root => new KeystoreEnvelope
        {
            Format = Number(root, Format),
            KeySource = Text(root, KeySource) ?? "",
            Salt = Bytes(root, Salt),
            Iterations = Number(root, Iterations),
            Sealed = Field(root, Sealed) switch
            {
                null => new SealedBox(),
                { ValueKind: JsonValueKind.Null } => null!,
                { ValueKind: JsonValueKind.Object } box =>
                    new SealedBox { Nonce = Required(box, Nonce), Ciphertext = Required(box, Ciphertext), Tag = Required(box, Tag) },
                _ => throw WrongType(Sealed),
            },
        });

    /// <summary>The logins, each secret registered with the redactor as it is read; null parts as with <see cref="ReadEnvelope"/>.</summary>
    public static KeystoreContents? ReadContents(byte[] json) =>
        Read(json, root => new KeystoreContents
        {
            Entries = Field(root, Entries) switch
            {
                null => new KeystoreContents().Entries,
                { ValueKind: JsonValueKind.Null } => null!,
                { ValueKind: JsonValueKind.Object } entries => Logins(entries),
                _ => throw WrongType(Entries),
            },
        });

    private static SortedDictionary<string, StoredLogin> Logins(JsonElement entries)
    {
        var logins = new SortedDictionary<string, StoredLogin>(StringComparer.Ordinal);
        foreach (var entry in entries.EnumerateObject())
        {
            var login = entry.Value.ValueKind switch
            {
                JsonValueKind.Object => entry.Value,
                JsonValueKind.Null => default(JsonElement?),
                _ => throw WrongType(entry.Name),
            };
            logins[entry.Name] = login is { } fields
                ? new StoredLogin(Text(fields, Username)!, Text(fields, Secret) is { } secret ? new Secret(secret) : null!)
                : null!;
        }
        return logins;
    }

    private static T? Read<T>(byte[] json, Func<JsonElement, T> read) where T : class
    {
        using var document = JsonDocument.Parse(json);
        try
        {
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Object => read(document.RootElement),
                _ => throw new JsonException("not an object"),
            };
        }
        catch (InvalidOperationException invalidText)
        {
            // The document checks a string's UTF-8 only when the string is decoded.
            throw new JsonException("a string is not UTF-8", invalidText);
        }
    }

    private static int Number(JsonElement parent, string name) =>
        Field(parent, name) switch
        {
            null => 0,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
            _ => throw WrongType(name),
        };

    private static string? Text(JsonElement parent, string name) =>
        Field(parent, name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => throw WrongType(name),
        };

    private static byte[]? Bytes(JsonElement parent, string name) =>
        Field(parent, name) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } value when value.TryGetBytesFromBase64(out var bytes) => bytes,
            _ => throw WrongType(name),
        };

    private static byte[] Required(JsonElement box, string name) => Bytes(box, name) ?? throw WrongType(name);

    private static JsonElement? Field(JsonElement parent, string name)
    {
        JsonElement? found = null;
        foreach (var property in parent.EnumerateObject())
        {
            if (property.NameEquals(name))
                found = property.Value;
        }
        return found;
    }

    // The names the serializer writes: KeystoreJsonContext's camelCase policy applied to the property names.
    private static string Named(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    private static JsonException WrongType(string name) => new($"'{name}' has the wrong type");
}
