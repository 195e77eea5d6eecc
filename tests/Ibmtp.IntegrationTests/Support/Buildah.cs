namespace Ibmtp.IntegrationTests;

/// <summary>
/// buildah login and logout, confined to the test HOME like podman (see <see cref="ContainersSandbox"/>).
/// buildah 1.28 uses the same containers/image code as podman 4.3: login gets, then stores once the
/// registry accepted the password; logout erases.
/// </summary>
public sealed class Buildah(TestHome home) : ILogoutAllClient
{
    private readonly string executable = Peers.Require("buildah");

    /// <summary>The password goes through stdin, never argv.</summary>
    public Task<ProcessResult> LoginAsync(string host, string username, string password) =>
        RunAsync(password, "login", "--tls-verify=false", "--authfile", home.ContainersAuthFile,
            "--username", username, "--password-stdin", host);

    public Task<ProcessResult> LogoutAsync(string host) =>
        RunAsync(null, "logout", "--authfile", home.ContainersAuthFile, host);

    public Task<ProcessResult> LogoutAllAsync() =>
        RunAsync(null, "logout", "--authfile", home.ContainersAuthFile, "--all");

    /// <summary>
    /// Pushes the OCI layout <paramref name="image"/> to <paramref name="destination"/>, e.g.
    /// "127.0.0.1:5000/team/app:1": buildah pushes only from its own storage, so the layout is pulled
    /// in first (a local copy, no registry involved).
    /// </summary>
    public async Task<ProcessResult> PushAsync(OciImage image, string destination)
    {
        var local = await RunAsync(null, "pull", "--quiet", image.Reference);
        if (!local.Succeeded)
            return local;
        var imageId = local.StandardOutput.Trim().Split('\n')[^1];
        return await RunAsync(null, "push", "--authfile", home.ContainersAuthFile, "--tls-verify=false", imageId, $"docker://{destination}");
    }

    /// <summary>Pulls <paramref name="reference"/> from the registry into buildah's storage under the test HOME.</summary>
    public Task<ProcessResult> PullAsync(string reference) =>
        RunAsync(null, "pull", "--authfile", home.ContainersAuthFile, "--tls-verify=false", $"docker://{reference}");

    private Task<ProcessResult> RunAsync(string? standardInput, params string[] arguments) =>
        ProcessRunner.RunAsync(executable, arguments, new ProcessOptions
        {
            InheritEnvironment = false,
            StandardInput = standardInput,
            Environment = ContainersSandbox.Environment(home, "buildah"),
        });
}
