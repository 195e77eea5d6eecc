using System.Text.Json;
using Ibmtp.Files;
using Ibmtp.Json;
using Ibmtp.Secrets;
using static Ibmtp.Json.JsonFields;

namespace Ibmtp.Keystores.EncryptedFile;

/// <summary>
/// Reads the keystore's envelope and contents field by field (<see cref="JsonFields"/>), by the names the
/// serializer writes them with (<see cref="KeystoreJsonContext"/>). Reading through the serializer
/// configured its metadata by reflection first, a fifth of a keystore `get` (bench/startup-layout.md).
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

    private static int Number(JsonElement parent, string name) =>
        Field(parent, name) switch
        {
            null => 0,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) => number,
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

    // The names the serializer writes: KeystoreJsonContext's camelCase policy applied to the property names.
    private static string Named(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);
}
