using System.Text.Json.Serialization;
using Ibmtp.Secrets;

namespace Ibmtp.Frontends.Docker;

// Go's encoding/json, which the clients use, matches field names case-insensitively.
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, Converters = [typeof(SecretJsonConverter)])]
[JsonSerializable(typeof(DockerCredentials))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
internal sealed partial class DockerJsonContext : JsonSerializerContext;
