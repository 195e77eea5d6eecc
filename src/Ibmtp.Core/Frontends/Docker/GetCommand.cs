using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary><c>get</c>: a server URL on stdin; its credentials on stdout, or not-found.</summary>
public static class GetCommand
{
    public static int Run(HelperContext context, IReadOnlyList<string> args) =>
        DockerFrontend.Run(context, "get", (protocol, services) =>
        {
            var serverUrl = protocol.ReadServerUrl();
            var login = services.Credentials.Find(serverUrl) ?? throw new CredentialsNotFoundException();
            protocol.WriteCredentials(serverUrl, login);
        });
}
