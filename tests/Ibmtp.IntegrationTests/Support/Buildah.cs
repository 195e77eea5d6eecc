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

    private Task<ProcessResult> RunAsync(string? standardInput, params string[] arguments) =>
        ProcessRunner.RunAsync(executable, arguments, new ProcessOptions
        {
            InheritEnvironment = false,
            StandardInput = standardInput,
            Environment = ContainersSandbox.Environment(home, "buildah"),
        });
}
