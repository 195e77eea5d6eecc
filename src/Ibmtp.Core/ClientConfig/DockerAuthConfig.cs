using System.Text;
using System.Text.Json;
using Ibmtp.Hosts;
using Ibmtp.Platform;

namespace Ibmtp.ClientConfig;

/// <summary>
/// <c>DOCKER_AUTH_CONFIG</c> as docker 28.3 and later read it (docker/cli
/// <c>cli/config/configfile/file.go</c>, <c>GetCredentialsStore</c> and <c>parseEnvConfig</c>):
/// logins in docker's <c>auths</c> form, each with only an <c>auth</c> field (base64 of
/// <c>user:password</c>), held in memory in front of whatever <c>config.json</c> picks for the host.
/// docker looks a host up in it by the exact key, and uses config.json only for hosts it does not
/// hold. Anything else in it (<c>credHelpers</c>, <c>credsStore</c>, a <c>password</c> field, an empty
/// <c>auth</c>) makes docker print "Failed to create credential store from DOCKER_AUTH_CONFIG" and
/// ignore all of it. Its secrets are registered with the redactor as it is read.
/// </summary>
public sealed class DockerAuthConfig
{
    public const string Variable = "DOCKER_AUTH_CONFIG";

    private const string AuthName = "auth";

    private DockerAuthConfig(IReadOnlyList<string> keys, string? ignoredBecause) => (Keys, IgnoredBecause) = (keys, ignoredBecause);

    /// <summary>The <c>auths</c> keys, each holding a login docker uses; none when docker ignores the variable.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>Why docker ignores the whole variable, or null when it takes it.</summary>
    public string? IgnoredBecause { get; }

    /// <summary>The key docker looks <paramref name="host"/> up by (the host as an image names it), if the variable holds it.</summary>
    public string? KeyFor(RegistryHost host) => Keys.FirstOrDefault(key => key == host.ToString());

    /// <summary>The keys that spell <paramref name="host"/> otherwise (a scheme, a path, a case, <c>:443</c>), which docker does not match to it.</summary>
    public IReadOnlyList<string> OtherSpellingsOf(RegistryHost host) =>
        [.. Keys.Where(key => key != host.ToString() && RegistryHost.TryParse(key, out var named) && named == host)];

    /// <summary>The variable as docker reads it, or null when it is unset or empty, which docker treats alike.</summary>
    public static DockerAuthConfig? Read(IEnvironment environment)
    {
        var value = environment.Get(Variable);
        if (string.IsNullOrEmpty(value))
            return null;
        // Go's decoder reads nothing but whitespace as no value at all, and docker takes that as no logins.
        if (string.IsNullOrWhiteSpace(value))
            return new DockerAuthConfig([], null);
        var body = Encoding.UTF8.GetBytes(value);
        JsonItem root;
        try
        {
            root = JsonItem.Parse(body, keepRepeatedNames: true);
        }
        catch (Exception error) when (error is JsonException or FormatException)
        {
            // The reader's own words may quote the value, which holds secrets: say only where it broke.
            return Ignored(error is JsonException { BytePositionInLine: { } at } ? $"it is not valid JSON (at character {at + 1})" : "it is not valid JSON");
        }
        if (root.IsObject)
            ClientSecrets.Protect(root, body);
        return Logins(root);
    }

    /// <summary>
    /// The logins as docker decodes them (<c>json.Decoder</c> into a struct with one <c>auths</c> map,
    /// refusing unknown fields): a name given twice is read again into the same place, so a repeated
    /// <c>auths</c> adds its entries to those before it (a null one drops them), a repeated entry
    /// replaces the one before it whole, and a repeated <c>auth</c> wins unless it is null. A value of
    /// the wrong type or an unknown name anywhere fails the whole decode; only then does docker check
    /// the auth each entry ends up with.
    /// </summary>
    private static DockerAuthConfig Logins(JsonItem root)
    {
        if (root.Kind == JsonTokenType.Null)
            return new DockerAuthConfig([], null);
        if (!root.IsObject)
            return Ignored("it is not a JSON object");
        var auths = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var member in root.Members)
        {
            // Go's decoder matches a field's name in any case, and refuses every other name here.
            if (!GoFieldName.Matches(member.Name, AuthFile.AuthsKey))
                return Ignored($"it holds {member.Name}, and docker takes only auths there");
            if (member.Value.Kind == JsonTokenType.Null)
            {
                auths.Clear();
                continue;
            }
            if (!member.Value.IsObject)
                return Ignored("its auths is not a JSON object");
            foreach (var entry in member.Value.Members)
            {
                if (Undecodable(entry, out var auth) is { } problem)
                    return Ignored($"its auths entry {entry.Name} {problem}");
                auths[entry.Name] = auth;
            }
        }
        foreach (var (key, auth) in auths)
        {
            if (Unusable(auth) is { } problem)
                return Ignored($"its auths entry {key} {problem}");
        }
        return new DockerAuthConfig([.. auths.Keys], null);
    }

    /// <summary>What makes Go's decoder refuse one <c>auths</c> entry, or null when it reads <paramref name="auth"/> from it.</summary>
    private static string? Undecodable(JsonMember entry, out string? auth)
    {
        auth = null;
        if (entry.Value.Kind != JsonTokenType.Null && !entry.Value.IsObject)
            return "is not a JSON object";
        foreach (var field in entry.Value.Members)
        {
            if (!GoFieldName.Matches(field.Name, AuthName))
                return $"holds {field.Name}, and docker takes only auth there";
            if (field.Value.Kind is not (JsonTokenType.String or JsonTokenType.Null))
                return "has an auth that is not a string";
            // Go's decoder leaves a string as it was for a null.
            if (field.Value.Kind == JsonTokenType.String)
                auth = field.Value.Text;
        }
        return null;
    }

    /// <summary>What makes docker refuse the <paramref name="auth"/> an entry ends up with, or null when it takes it.</summary>
    private static string? Unusable(string? auth)
    {
        if (string.IsNullOrEmpty(auth))
            return "has no auth";
        return AuthField.Decode(auth) is null ? "has an auth that is not the base64 of user:password" : null;
    }

    private static DockerAuthConfig Ignored(string why) => new([], why);
}
