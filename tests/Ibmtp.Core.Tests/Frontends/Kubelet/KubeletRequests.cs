using System.Text.Json.Nodes;

namespace Ibmtp.Tests.Frontends.Kubelet;

/// <summary>CredentialProviderRequests as the kubelet writes them.</summary>
public static class KubeletRequests
{
    public const string ApiVersion = "credentialprovider.kubelet.k8s.io/v1";

    public static string For(string image, string? serviceAccountToken = null, Dictionary<string, string>? annotations = null)
    {
        var request = new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "CredentialProviderRequest",
            ["image"] = image,
        };
        if (serviceAccountToken is not null)
            request["serviceAccountToken"] = serviceAccountToken;
        if (annotations is not null)
            request["serviceAccountAnnotations"] = new JsonObject(annotations.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        return request.ToJsonString();
    }
}
