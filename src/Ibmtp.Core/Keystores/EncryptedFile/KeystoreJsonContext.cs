using System.Text.Json.Serialization;
using Ibmtp.Secrets;

namespace Ibmtp.Keystores.EncryptedFile;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(SecretJsonConverter)])]
[JsonSerializable(typeof(KeystoreEnvelope))]
[JsonSerializable(typeof(KeystoreContents))]
internal sealed partial class KeystoreJsonContext : JsonSerializerContext;
