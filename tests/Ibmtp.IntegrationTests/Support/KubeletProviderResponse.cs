using System.Text.Json;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A CredentialProviderResponse as the kubelet decodes it: <c>ExecPlugin</c> and <c>decodeResponse</c> in
/// kubernetes/kubernetes pkg/credentialprovider/plugin/plugin.go, with the fields of
/// staging/src/k8s.io/kubelet/pkg/apis/credentialprovider/v1/types.go.
/// </summary>
/// <param name="CacheDuration">Null when the response leaves it out (the kubelet then uses defaultCacheDuration).</param>
public sealed record KubeletProviderResponse(
    string ApiVersion,
    string Kind,
    string CacheKeyType,
    TimeSpan? CacheDuration,
    IReadOnlyDictionary<string, KubeletAuthConfig> Auth)
{
    private static readonly string[] ResponseFields = ["apiVersion", "kind", "cacheKeyType", "cacheDuration", "auth"];
    private static readonly string[] AuthConfigFields = ["username", "password"];

    /// <summary>
    /// Decodes <paramref name="stdout"/> or says, as the kubelet's log would, why the kubelet drops it. First the
    /// apiVersion must equal the provider's; then the kubelet's strict decoder (serializer.EnableStrict, names matched
    /// case-sensitively) refuses unknown and repeated fields, values of the wrong type and an unparsable cacheDuration;
    /// then the kind and group must be CredentialProviderResponse of credentialprovider.kubelet.k8s.io.
    /// </summary>
    public static KubeletProviderResponse Decode(string stdout, string expectedApiVersion)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stdout);
        }
        catch (JsonException error)
        {
            throw new KubeletRejection($"error reading GVK from response: {error.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new KubeletRejection("error reading GVK from response: not an object");
            }

            var apiVersion = OptionalString(root, "apiVersion") ?? string.Empty;
            if (apiVersion != expectedApiVersion)
            {
                throw new KubeletRejection($"apiVersion from credential plugin response did not match expected apiVersion:{expectedApiVersion}, actual apiVersion:{apiVersion}");
            }

            var fields = StrictFields(root, ResponseFields, "CredentialProviderResponse");
            var kind = Text(fields, "kind");
            if (kind != "CredentialProviderResponse")
            {
                throw new KubeletRejection($"failed to decode CredentialProviderResponse, unexpected Kind: \"{kind}\"");
            }

            if (!apiVersion.StartsWith("credentialprovider.kubelet.k8s.io/", StringComparison.Ordinal))
            {
                throw new KubeletRejection($"failed to decode CredentialProviderResponse, unexpected Group: {apiVersion}");
            }

            return new KubeletProviderResponse(apiVersion, kind, Text(fields, "cacheKeyType"), Duration(fields), AuthConfigs(fields));
        }
    }

    /// <summary>The fields of an object, after the strict decoder's checks: each known, each once.</summary>
    private static Dictionary<string, JsonElement> StrictFields(JsonElement element, string[] known, string type)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new KubeletRejection($"strict decoding error: unknown field \"{property.Name}\" in {type}");
            }

            if (!fields.TryAdd(property.Name, property.Value))
            {
                throw new KubeletRejection($"strict decoding error: duplicate field \"{property.Name}\" in {type}");
            }
        }

        return fields;
    }

    /// <summary>A string field; absent or null decodes to "", as in Go.</summary>
    private static string Text(Dictionary<string, JsonElement> fields, string name) =>
        !fields.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null ? string.Empty
        : value.ValueKind == JsonValueKind.String ? value.GetString()!
        : throw new KubeletRejection($"cannot unmarshal {value.ValueKind} into field {name} of type string");

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? Duration(Dictionary<string, JsonElement> fields)
    {
        if (!fields.TryGetValue("cacheDuration", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = Text(fields, "cacheDuration");
        return GoDuration.TryParse(text, out var duration) ? duration : throw new KubeletRejection($"time: invalid duration \"{text}\"");
    }

    private static Dictionary<string, KubeletAuthConfig> AuthConfigs(Dictionary<string, JsonElement> fields)
    {
        var auth = new Dictionary<string, KubeletAuthConfig>(StringComparer.Ordinal);
        if (!fields.TryGetValue("auth", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return auth;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new KubeletRejection($"cannot unmarshal {value.ValueKind} into field auth of type map");
        }

        foreach (var (match, config) in StrictFields(value, [.. value.EnumerateObject().Select(property => property.Name)], "auth"))
        {
            var configFields = config.ValueKind switch
            {
                JsonValueKind.Null => [],
                JsonValueKind.Object => StrictFields(config, AuthConfigFields, "AuthConfig"),
                var other => throw new KubeletRejection($"cannot unmarshal {other} into an AuthConfig"),
            };
            auth[match] = new KubeletAuthConfig(Text(configFields, "username"), Text(configFields, "password"));
        }

        return auth;
    }
}
