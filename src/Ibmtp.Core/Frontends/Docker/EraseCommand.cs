using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary><c>erase</c>: a server URL on stdin (docker logout, podman logout); what was kept for it is removed.</summary>
public static class EraseCommand
{
    public static int Run(HelperContext context, IReadOnlyList<string> args) =>
        DockerFrontend.Run(context, "erase", (protocol, services) =>
        {
            if (!services.Credentials.Remove(protocol.ReadServerUrl()))
                throw new CredentialsNotFoundException();
        });
}
