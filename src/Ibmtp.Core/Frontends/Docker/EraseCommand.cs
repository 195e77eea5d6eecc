using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary>
/// <c>erase</c>: a server URL on stdin (docker logout, podman logout); what was kept for it is removed,
/// and a host with nothing kept answers not found, as docker-credential-helpers' stores do.
/// </summary>
public static class EraseCommand
{
    /// <summary>
    /// podman 4.3, buildah 1.28 and skopeo 1.9 (Debian 12's) crash with a Go stack overflow when
    /// <c>erase</c> answers not found, which is the normal case when credentials come from the
    /// environment, and their <c>logout --all</c> then fails. For them, nothing kept is a success.
    /// </summary>
    private static readonly string[] ClientsThatCrashOnNotFound = ["podman", "buildah", "skopeo"];

    public static int Run(HelperContext context, IReadOnlyList<string> args) =>
        DockerFrontend.Run(context, "erase", (protocol, services) =>
            services.Value.Credentials.Remove(protocol.ReadServerUrl()) || CalledByClientThatCrashesOnNotFound(context) ? Outcome.Answered : Outcome.NothingFound);

    private static bool CalledByClientThatCrashesOnNotFound(HelperContext context) =>
        context.CallerName() is { } caller && ClientsThatCrashOnNotFound.Contains(caller);
}
