using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ibmtp.Secrets;

/// <summary>A <see cref="Secret"/> in JSON is a plain string; it becomes a Secret, and so is protected, as it is read.</summary>
public sealed class SecretJsonConverter : JsonConverter<Secret>
{
    public override Secret? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString() is { } value ? new Secret(value) : null;

    public override void Write(Utf8JsonWriter writer, Secret value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
