using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary><c>list</c>: every saved registry and its username, as one JSON object.</summary>
public static class ListCommand
{
    public static int Run(HelperContext context, IReadOnlyList<string> args) =>
        DockerFrontend.Run(context, "list", (protocol, services) =>
        {
            protocol.WriteList(services.Value.Credentials.List());
            return Outcome.Answered;
        });
}
