namespace Ibmtp.IntegrationTests;

/// <summary>
/// podman login and logout, run as root without a service and confined to the test HOME: storage
/// (vfs), its run root, libpod's temp dir and the network config all move there through
/// CONTAINERS_STORAGE_CONF and CONTAINERS_CONF, so /var/lib/containers and /run are left alone.
/// With credHelpers in the auth file (observed with podman 4.3.1):
/// login → get (once per config that names the helper for the host: the auth file, then
/// $DOCKER_CONFIG/config.json, stopping at the first that has credentials), then store once the registry
/// accepted the password; a rejected password stores nothing. With existing credentials and no -u,
/// login just gets and checks them.
/// logout → erase ×1; exit 0 only if erase succeeds. When erase fails, even with "credentials not
/// found in native keychain", podman 4.3.1 crashes with a Go stack overflow (exit 2, a huge stderr).
/// </summary>
public sealed class Podman(TestHome home) : ILoginClient
{
    private readonly string executable = Peers.Require("podman");

    /// <summary>The password goes through stdin, never argv.</summary>
    public Task<ProcessResult> LoginAsync(string host, string username, string password) =>
        RunAsync(password, "login", "--tls-verify=false", "--authfile", home.ContainersAuthFile,
            "--username", username, "--password-stdin", host);

    public Task<ProcessResult> LogoutAsync(string host) =>
        RunAsync(null, "logout", "--authfile", home.ContainersAuthFile, host);

    private Task<ProcessResult> RunAsync(string? standardInput, params string[] arguments)
    {
        var sandbox = home.Subdirectory("podman");
        var storageConf = Path.Combine(sandbox, "storage.conf");
        File.WriteAllText(storageConf, $"""
            [storage]
            driver = "vfs"
            graphroot = "{sandbox}/graphroot"
            runroot = "{sandbox}/runroot"
            """);
        var containersConf = Path.Combine(sandbox, "containers.conf");
        // netavark keeps its state in /run/containers/networks for root whatever the config says; the
        // CNI backend only needs the config dir, and logins never set up a network anyway.
        File.WriteAllText(containersConf, $"""
            [network]
            network_backend = "cni"
            network_config_dir = "{sandbox}/networks"

            [engine]
            tmp_dir = "{sandbox}/tmp"
            """);

        return ProcessRunner.RunAsync(executable, arguments, new ProcessOptions
        {
            InheritEnvironment = false,
            StandardInput = standardInput,
            Environment = new Dictionary<string, string>(home.Environment)
            {
                ["CONTAINERS_STORAGE_CONF"] = storageConf,
                ["CONTAINERS_CONF"] = containersConf,
            },
        });
    }
}
