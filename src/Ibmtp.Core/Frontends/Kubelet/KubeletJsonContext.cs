using System.Text.Json.Serialization;
using Ibmtp.Secrets;

namespace Ibmtp.Frontends.Kubelet;

// The kubelet's decoder matches field names exactly, and so does this one.
[JsonSourceGenerationOptions(Converters = [typeof(SecretJsonConverter)])]
[JsonSerializable(typeof(CredentialProviderRequest))]
[JsonSerializable(typeof(CredentialProviderResponse))]
internal sealed partial class KubeletJsonContext : JsonSerializerContext;
