using System.Text;
using System.Text.Json.Serialization;

namespace Ibmtp.Protocol;

/// <summary>The credentials JSON that docker, podman and skopeo exchange with a helper.</summary>
public sealed record Credentials(
    [property: JsonPropertyName(Credentials.ServerUrlField)] string ServerUrl,
    [property: JsonPropertyName(Credentials.UsernameField)] string Username,
    [property: JsonPropertyName(Credentials.SecretField)] string Secret)
{
    public const string ServerUrlField = "ServerURL";
    public const string UsernameField = "Username";
    public const string SecretField = "Secret";

    // Records print every property by default; a Secret in an exception or log line is a leak.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"ServerURL = {ServerUrl}, Username = {Username}, Secret = ***");
        return true;
    }
}
