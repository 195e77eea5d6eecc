using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary>
/// <c>erase</c>: a server URL on stdin (docker logout, podman logout); what was kept for it is removed.
/// A served host with nothing kept is a success, not "not found": podman, buildah and skopeo 4.3/1.28/1.9
/// crash (a Go stack overflow) on a not-found erase, which is the normal case when credentials come from
/// the environment, and their <c>logout --all</c> then fails; docker ignores either answer.
/// </summary>
public static class EraseCommand
{
    public static int Run(HelperContext context, IReadOnlyList<string> args) =>
        DockerFrontend.Run(context, "erase", (protocol, services) =>
        {
            if (!services.Value.Credentials.Remove(protocol.ReadServerUrl()))
                throw new CredentialsNotFoundException();
        });
}
