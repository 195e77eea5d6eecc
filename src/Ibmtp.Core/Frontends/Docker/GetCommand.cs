using Ibmtp.Credentials;
using Ibmtp.Hosts;
using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary><c>get</c>: a server URL on stdin; its credentials on stdout, or not-found.</summary>
public static class GetCommand
{
    public static int Run(HelperContext context, IReadOnlyList<string> args) =>
        DockerFrontend.Run(context, "get", (protocol, services) =>
        {
            var serverUrl = protocol.ReadServerUrl();
            CredentialService credentials;
            try
            {
                credentials = services.Value.Credentials;
            }
            catch (HelperException) when (!ServedHosts.IsIbmRegistry(serverUrl))
            {
                // Settings that cannot be read opt no host in. docker and podman call get for every
                // configured host, so a broken setting must not fail the pulls of unrelated registries;
                // for an IBM registry, which is served whatever the settings, the error is reported.
                return Outcome.NothingFound;
            }
            if (credentials.Find(serverUrl) is not { } login)
                return Outcome.NothingFound;
            protocol.WriteCredentials(serverUrl, login);
            return Outcome.Answered;
        });
}
