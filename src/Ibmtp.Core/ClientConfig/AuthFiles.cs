using Ibmtp.Platform;

namespace Ibmtp.ClientConfig;

/// <summary>
/// Where docker and the containers tools (podman, buildah, skopeo) keep their auth files, as their
/// sources locate them.
/// </summary>
public sealed class AuthFiles(IEnvironment environment, HelperPaths paths)
{
    /// <summary>Read and written by the containers tools instead of every default when set.</summary>
    public const string RegistryAuthFileVariable = "REGISTRY_AUTH_FILE";

    /// <summary>docker's: <c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.</summary>
    public string Docker =>
        Path.Combine(environment.Get("DOCKER_CONFIG") ?? Path.Combine(paths.Home, ".docker"), "config.json");

    /// <summary>docker's legacy file, which the containers tools still read after every other: <c>~/.dockercfg</c>, hosts at top level.</summary>
    public string LegacyDocker => Path.Combine(paths.Home, ".dockercfg");

    /// <summary>The containers tools' own file that keeps across reboots: <c>REGISTRY_AUTH_FILE</c>, else <c>${XDG_CONFIG_HOME:-~/.config}/containers/auth.json</c>.</summary>
    public string Containers =>
        environment.Get(RegistryAuthFileVariable)
        // On macOS the containers tools ignore XDG_CONFIG_HOME.
        ?? Path.Combine(OperatingSystem.IsLinux() ? paths.ConfigHome : Path.Combine(paths.Home, ".config"), "containers", "auth.json");

    /// <summary>
    /// The files podman, buildah and skopeo read for a host, in their order (containers/image
    /// <c>pkg/docker/config/config.go</c>, <c>getAuthFilePaths</c>): <c>REGISTRY_AUTH_FILE</c> alone
    /// when it is set; else the file they log in to, their kept file, docker's file and docker's legacy file.
    /// </summary>
    public ContainersAuthPath[] ContainersReadOrder(int userId)
    {
        if (environment.Get(RegistryAuthFileVariable) is { } chosen)
            return [new ContainersAuthPath(chosen, Legacy: false)];
        // An array filled by hand: a list of ContainersAuthPath would bring generic types that every start
        // of the helper sets up (bench/startup-statics.md).
        var files = new[] { ContainersLogin(userId), Containers, Docker }.Distinct(StringComparer.Ordinal).ToArray();
        var order = new ContainersAuthPath[files.Length + 1];
        for (var i = 0; i < files.Length; i++)
            order[i] = new ContainersAuthPath(files[i], Legacy: false);
        order[^1] = new ContainersAuthPath(LegacyDocker, Legacy: true);
        return order;
    }

    /// <summary>
    /// The one file <c>podman|buildah|skopeo login</c> write to: <c>REGISTRY_AUTH_FILE</c>, else on
    /// Linux <c>${XDG_RUNTIME_DIR}/containers/auth.json</c>, else <c>/run/containers/&lt;uid&gt;/auth.json</c>,
    /// in a runtime folder a reboot empties; on macOS, the kept file itself.
    /// </summary>
    public string ContainersLogin(int userId)
    {
        if (environment.Get(RegistryAuthFileVariable) is { } chosen)
            return chosen;
        if (!OperatingSystem.IsLinux())
            return Containers;
        return environment.Get("XDG_RUNTIME_DIR") is { } runtime
            ? Path.Combine(runtime, "containers", "auth.json")
            : $"/run/containers/{userId}/auth.json";
    }
}
