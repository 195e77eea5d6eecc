using System.Text.Json.Serialization;

namespace Ibmtp.Storage;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeystoreEnvelope))]
[JsonSerializable(typeof(KeystoreContents))]
internal sealed partial class KeystoreJsonContext : JsonSerializerContext;
