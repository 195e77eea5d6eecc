using System.Text.Json.Serialization;

namespace Ibmtp.Protocol;

// Go's encoding/json, which the clients use, matches field names case-insensitively.
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Credentials))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
