using System.Text.Json.Serialization;

namespace Ibmtp.Storage;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CachedTokenEntry))]
[JsonSerializable(typeof(CachedTokenPayload))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;
