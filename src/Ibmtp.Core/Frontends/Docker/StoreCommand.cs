using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary><c>store</c>: credentials JSON on stdin (docker login, podman login), kept in the keystore.</summary>
public static class StoreCommand
{
    public static int Run(HelperContext context, IReadOnlyList<string> args) =>
        DockerFrontend.Run(context, "store", (protocol, services) =>
        {
            var credentials = protocol.ReadCredentials();
            services.Value.Credentials.Save(credentials.ServerUrl, credentials.Username, credentials.Secret);
            return Outcome.Answered;
        });
}
