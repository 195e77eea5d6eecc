using System.Text.Json;
using Ibmtp.Json;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using static Ibmtp.Json.JsonFields;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>
/// The request and response in the JSON the kubelet speaks: read field by field (<see cref="JsonFields"/>:
/// names match exactly, as the kubelet's own decoder matches them, and unknown fields are ignored) and
/// written with <see cref="AnswerJson"/>, without serializer metadata, which is configured by reflection
/// on every call (bench/startup-layout.md).
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
    public static CredentialProviderRequest? ReadRequest(byte[] json) =>
        Read(json, root => new CredentialProviderRequest(
            Text(root, ApiVersion),
            Text(root, Kind),
            Text(root, Image),
            // Registered with the redactor as it is read, as every secret is.
            Text(root, ServiceAccountToken) is { } token ? new Secret(token) : null,
            Annotations(root)));

    public static void WriteResponse(LineWriter output, CredentialProviderResponse response) =>
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

}
