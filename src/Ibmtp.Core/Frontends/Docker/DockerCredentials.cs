using System.Text.Json.Serialization;
using Ibmtp.Secrets;

namespace Ibmtp.Frontends.Docker;

/// <summary>The credentials JSON that docker, podman and skopeo exchange with a helper.</summary>
public sealed record DockerCredentials(
    [property: JsonPropertyName(DockerCredentials.ServerUrlField)] string ServerUrl,
    [property: JsonPropertyName(DockerCredentials.UsernameField)] string Username,
    [property: JsonPropertyName(DockerCredentials.SecretField)] Secret Secret)
{
    public const string ServerUrlField = "ServerURL";
    public const string UsernameField = "Username";
    public const string SecretField = "Secret";
}
