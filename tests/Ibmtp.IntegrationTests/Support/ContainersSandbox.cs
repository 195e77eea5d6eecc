namespace Ibmtp.IntegrationTests;

/// <summary>
/// The environment that confines podman or buildah, run as root, to the test HOME: storage (vfs), its
/// run root, the engine's temp dir and the network config all move there through
/// CONTAINERS_STORAGE_CONF and CONTAINERS_CONF.
/// </summary>
public static class ContainersSandbox
{
    public static Dictionary<string, string> Environment(TestHome home, string tool)
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
