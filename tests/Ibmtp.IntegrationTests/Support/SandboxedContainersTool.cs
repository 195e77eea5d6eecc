namespace Ibmtp.IntegrationTests;

/// <summary>
/// podman or buildah, run as root without a service and confined to the test HOME: storage (vfs), its
/// run root, the engine's temp dir and the network config all move there through
/// CONTAINERS_STORAGE_CONF and CONTAINERS_CONF, so /var/lib/containers and /run are left alone.
/// Both use containers/image for login, logout, push and pull, through the test HOME's containers auth file.
/// </summary>
public abstract class SandboxedContainersTool(TestHome home, string tool) : ILogoutAllClient
{
    private readonly string executable = Peers.Require(tool);

    protected TestHome Home => home;

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
    /// "127.0.0.1:5000/team/app:1": podman and buildah push only from their own storage, so the layout is pulled
    /// in first (a local copy, no registry involved).
    /// </summary>
    /// <param name="digestFile">Where the digest of the manifest pushed is written, when given.</param>
    public async Task<ProcessResult> PushAsync(OciImage image, string destination, string? digestFile = null)
    {
        var local = await RunAsync(null, "pull", "--quiet", image.Reference);
        if (!local.Succeeded)
            return local;
        var imageId = local.StandardOutput.Trim().Split('\n')[^1];
        string[] digest = digestFile is null ? [] : ["--digestfile", digestFile];
        return await RunAsync(null, ["push", "--authfile", Home.ContainersAuthFile, "--tls-verify=false", .. digest, imageId, $"docker://{destination}"]);
    }

    /// <summary>Pulls <paramref name="reference"/> from the registry into the tool's storage under the test HOME.</summary>
    public Task<ProcessResult> PullAsync(string reference) =>
        RunAsync(null, "pull", "--authfile", Home.ContainersAuthFile, "--tls-verify=false", $"docker://{reference}");

    protected Task<ProcessResult> RunAsync(string? standardInput, params string[] arguments) =>
        ProcessRunner.RunAsync(executable, arguments, new ProcessOptions
        {
            InheritEnvironment = false,
            StandardInput = standardInput,
            Environment = SandboxEnvironment(),
        });

    private Dictionary<string, string> SandboxEnvironment()
    {
        var sandbox = home.Subdirectory(tool);
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
        return new Dictionary<string, string>(home.Environment)
        {
            ["CONTAINERS_STORAGE_CONF"] = storageConf,
            ["CONTAINERS_CONF"] = containersConf,
        };
    }
}
