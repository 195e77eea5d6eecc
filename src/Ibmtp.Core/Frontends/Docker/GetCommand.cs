using Ibmtp.Credentials;
using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary><c>get</c>: a server URL on stdin; its credentials on stdout, or not-found.</summary>
public static class GetCommand
{
    public static int Run(HelperContext context, IReadOnlyList<string> args) =>
        DockerFrontend.Run(context, "get", (protocol, services) =>
        {
            var serverUrl = protocol.ReadServerUrl();
            if (ServedLogin.Find(serverUrl, () => services.Value.Credentials) is not { } login)
                return Outcome.NothingFound;
            protocol.WriteCredentials(serverUrl, login);
            return Outcome.Answered;
        });
}
