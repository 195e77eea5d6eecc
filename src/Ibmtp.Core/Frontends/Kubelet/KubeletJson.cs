using System.Text.Json;
using Ibmtp.Secrets;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>
/// The request and response in the JSON the kubelet speaks, read and written with System.Text.Json's
/// document and writer. Serializer metadata for these few fields would be configured by reflection on
/// every call, which cost more than the rest of the provider's answer (bench/startup-layout.md).
/// Names match exactly, as the kubelet's own decoder matches them; unknown fields are ignored.
/// </summary>
internal static class KubeletJson
{
    private const string ApiVersion = "apiVersion";
    private const string Kind = "kind";
    private const string Image = "image";
    private const string ServiceAccountToken = "serviceAccountToken";
    private const string ServiceAccountAnnotations = "serviceAccountAnnotations";
    private const string CacheKeyType = "cacheKeyType";
    private const string CacheDuration = "cacheDuration";
    private const string Auth = "auth";
    private const string Username = "username";
    private const string Password = "password";

    /// <summary>The request, or null for a JSON null; a field of the wrong type is a <see cref="JsonException"/> naming it.</summary>
    public static CredentialProviderRequest? ReadRequest(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null)
            return null;
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonException("not an object", "$", null, null);
        try
        {
            return new CredentialProviderRequest(
                Text(root, ApiVersion),
                Text(root, Kind),
                Text(root, Image),
                // Registered with the redactor as it is read, as every secret is.
                Text(root, ServiceAccountToken) is { } token ? new Secret(token) : null,
                Annotations(root));
        }
        catch (InvalidOperationException invalidText)
        {
            // The document checks a string's UTF-8 only when the string is decoded.
            throw new JsonException("a string is not UTF-8", invalidText);
        }
    }

    public static void WriteResponse(Stream output, CredentialProviderResponse response) =>
        AnswerJson.WriteLine(output, json =>
        {
            json.WriteStartObject();
            json.WriteString(ApiVersion, KubeletApi.ApiVersion);
            json.WriteString(Kind, KubeletApi.ResponseKind);
            json.WriteString(CacheKeyType, KubeletApi.RegistryCacheKey);
            if (response.CacheDuration is { } duration)
                json.WriteString(CacheDuration, duration);
            json.WriteStartObject(Auth);
            foreach (var (registry, login) in response.Auth)
            {
                json.WriteStartObject(registry);
                json.WriteString(Username, login.Username);
                json.WriteString(Password, login.Password);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });

    private static string? Text(JsonElement root, string field) =>
        Field(root, field) switch
        {
            null or { ValueKind: JsonValueKind.Null } => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => throw WrongType(field),
        };

    private static Dictionary<string, string>? Annotations(JsonElement root)
    {
        if (Field(root, ServiceAccountAnnotations) is not { ValueKind: not JsonValueKind.Null } annotations)
            return null;
        if (annotations.ValueKind != JsonValueKind.Object)
            throw WrongType(ServiceAccountAnnotations);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var annotation in annotations.EnumerateObject())
        {
            // A null value is the empty string, as the kubelet's Go decoder reads it.
            result[annotation.Name] = annotation.Value.ValueKind switch
            {
                JsonValueKind.String => annotation.Value.GetString()!,
                JsonValueKind.Null => "",
                _ => throw WrongType($"{ServiceAccountAnnotations}.{annotation.Name}"),
            };
        }
        return result;
    }

    // The last of repeated fields wins, as with the serializer this replaces.
    private static JsonElement? Field(JsonElement root, string name)
    {
        JsonElement? found = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals(name))
                found = property.Value;
        }
        return found;
    }

    private static JsonException WrongType(string field) => new($"'{field}' has the wrong type", $"$.{field}", null, null);
}
