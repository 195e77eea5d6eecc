namespace Ibmtp.IntegrationTests;

/// <summary>
/// podman login and logout, run as root without a service and confined to the test HOME (see
/// <see cref="ContainersSandbox"/>), so /var/lib/containers and /run are left alone.
/// With credHelpers in the auth file (observed with podman 4.3.1):
/// login → get (once per config that names the helper for the host: the auth file, then
/// $DOCKER_CONFIG/config.json, stopping at the first that has credentials), then store once the registry
/// accepted the password; a rejected password stores nothing. With existing credentials and no -u,
/// login just gets and checks them.
/// logout → erase ×1; exit 0 only if erase succeeds. When erase fails, even with "credentials not
/// found in native keychain", podman 4.3.1 crashes with a Go stack overflow (exit 2, a huge stderr).
/// </summary>
public sealed class Podman(TestHome home) : ILogoutAllClient
{
    private readonly string executable = Peers.Require("podman");

    /// <summary>The password goes through stdin, never argv.</summary>
    public Task<ProcessResult> LoginAsync(string host, string username, string password) =>
        RunAsync(password, "login", "--tls-verify=false", "--authfile", home.ContainersAuthFile,
            "--username", username, "--password-stdin", host);

    /// <summary>Prints the username the credentials for <paramref name="host"/> hold, asking the helper with get.</summary>
    public Task<ProcessResult> GetLoginAsync(string host) =>
        RunAsync(null, "login", "--authfile", home.ContainersAuthFile, "--get-login", host);

    public Task<ProcessResult> LogoutAsync(string host) =>
        RunAsync(null, "logout", "--authfile", home.ContainersAuthFile, host);

    public Task<ProcessResult> LogoutAllAsync() =>
        RunAsync(null, "logout", "--authfile", home.ContainersAuthFile, "--all");

    private Task<ProcessResult> RunAsync(string? standardInput, params string[] arguments) =>
        ProcessRunner.RunAsync(executable, arguments, new ProcessOptions
        {
            InheritEnvironment = false,
            StandardInput = standardInput,
            Environment = ContainersSandbox.Environment(home, "podman"),
        });
}
