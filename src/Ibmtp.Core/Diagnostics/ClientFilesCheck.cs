using Ibmtp.ClientConfig;
using Ibmtp.Hosts;
using Ibmtp.Platform;

namespace Ibmtp.Diagnostics;

/// <summary>
/// Which helper docker and the containers tools will run for the host, as each weighs its auth files,
/// whether each file names the helper, and the logins in them that shadow it.
/// </summary>
public sealed class ClientFilesCheck(HelperContext context, HelperPaths paths) : IDoctorCheck
{
    private const string ContainersTools = "containers tools";

    public void Run(RegistryHost host, FactSheet facts)
    {
        var files = new AuthFiles(context.Environment, paths);
        var login = files.ContainersLogin(context.UserId);
        Client("docker", files.Docker, host, facts, WhatDockerRuns);
        Client("containers", files.Containers, host, facts, Naming);
        if (login != files.Containers)
            Client("containers logins", login, host, facts, Naming);
        LegacyDockerFile(files.LegacyDocker, host, facts);
        WhatContainersToolsRun(files.ContainersReadOrder(context.UserId), host, facts);
    }

    private static string Fix(RegistryHost host) => $"run docker-credential-ibmtp configure --registries {host}";

    /// <summary>podman, buildah and skopeo still read docker's pre-2015 file, last: a login there is used whenever the helper has nothing for the host.</summary>
    private static void LegacyDockerFile(string path, RegistryHost host, FactSheet facts)
    {
        if (!File.Exists(path))
            return;
        try
        {
            foreach (var key in AuthFile.Read(path).TopLevelLoginKeysFor(host))
                facts.Add("legacy login", $"{path}: holds a login for {key} that podman, buildah and skopeo may use instead of the helper; remove that entry", problem: true);
        }
        catch (HelperException error)
        {
            facts.Add("legacy login", error.Message, problem: true);
        }
    }

    private static void Client(string name, string path, RegistryHost host, FactSheet facts, Func<AuthFile, RegistryHost, (string Said, bool Problem)> describe)
    {
        AuthFile file;
        try
        {
            file = AuthFile.Read(path);
        }
        catch (HelperException error)
        {
            facts.Add(name, error.Message, problem: true);
            return;
        }
        if (file.Original is null)
        {
            facts.Add(name, $"{path}: missing; run docker-credential-ibmtp configure", problem: true);
            return;
        }
        var (said, problem) = describe(file, host);
        facts.Add(name, said, problem);
        foreach (var key in file.StoredLoginKeysFor(host))
        {
            var why = key.Contains("://", StringComparison.Ordinal)
                ? "a login docker 20.10 wrote under the full address, bypassing the helper; log in with the bare host"
                : "a stored login the clients may use instead of the helper";
            facts.Add($"{name} login", $"{path}: auths has {key}: {why}; remove that entry (or run docker logout {key}), then log in again", problem: true);
        }
    }

    /// <summary>Whether a containers tools' file names the helper for the host, as <c>configure</c> sets it up.</summary>
    private static (string, bool) Naming(AuthFile file, RegistryHost host) =>
        file.CredHelpers.GetValueOrDefault(host.ToString()) == HelperInfo.CredHelperName
            ? ($"{file.Path}: names the helper for {host}", false)
            : ($"{file.Path}: does not name the helper for {host}; {Fix(host)}", true);

    /// <summary>The helper docker runs for the host: <c>credHelpers</c>, then <c>credsStore</c>, then a login under <c>auths</c>.</summary>
    private static (string, bool) WhatDockerRuns(AuthFile file, RegistryHost host)
    {
        var route = file.DockerRoute(host);
        var none = file.CredHelperFor(host) is ""
            ? $"credHelpers names an empty helper for {host}, which docker takes as none, without turning to credsStore"
            : $"names no helper for {host} (no credHelpers entry, no credsStore)";
        return route switch
        {
            { Kind: ClientRouteKind.CredHelper, RunsThisHelper: true } => ($"{file.Path}: names the helper for {host}", false),
            { Kind: ClientRouteKind.CredHelper } => ($"{file.Path}: credHelpers names docker-credential-{route.Name} for {host}, so docker runs that helper, never this one; {Fix(host)}", true),
            { Kind: ClientRouteKind.CredsStore, RunsThisHelper: true } => ($"{file.Path}: credsStore names the helper, so docker runs it for {host} and for every other registry, which it does not serve; {Fix(host)} and remove the credsStore line", true),
            { Kind: ClientRouteKind.CredsStore } => ($"{file.Path}: credHelpers has no entry for {host}, so docker runs credsStore's docker-credential-{route.Name} (Docker Desktop sets credsStore again when it starts), never this helper; {Fix(host)}: a credHelpers entry wins over credsStore", true),
            { Kind: ClientRouteKind.StoredLogin } => ($"{file.Path}: {none}, so docker sends the login stored under auths {route.Name}; {Fix(host)}", true),
            _ => ($"{file.Path}: {none}, so docker sends no credentials; {Fix(host)}", true),
        };
    }

    /// <summary>
    /// The helper podman, buildah and skopeo run for the host: in each file in their order, its
    /// <c>credHelpers</c> entry, else a login under <c>auths</c>; the first file with either decides.
    /// </summary>
    private static void WhatContainersToolsRun(ContainersAuthPath[] order, RegistryHost host, FactSheet facts)
    {
        var stores = new List<string>();
        foreach (var (path, legacy) in order)
        {
            AuthFile file;
            try
            {
                file = AuthFile.Read(path);
            }
            catch (HelperException)
            {
                facts.Add(ContainersTools, $"podman, buildah and skopeo stop at {path}, which they cannot read either", problem: true);
                return;
            }
            if (!string.IsNullOrEmpty(file.CredsStore))
                stores.Add(path);
            switch (file.ContainersRoute(host, legacy))
            {
                case { RunsThisHelper: true }:
                    facts.Add(ContainersTools, $"podman, buildah and skopeo run the helper for {host} (credHelpers in {path})");
                    return;
                case { Kind: ClientRouteKind.CredHelper, Name: "" }:
                    facts.Add(ContainersTools, $"podman, buildah and skopeo stop at the empty helper credHelpers in {path} names for {host}: they try to run docker-credential-, a helper with no name, and fail to look up credentials for it; {Fix(host)}", problem: true);
                    return;
                case { Kind: ClientRouteKind.CredHelper } route:
                    facts.Add(ContainersTools, $"podman, buildah and skopeo run docker-credential-{route.Name} for {host} (credHelpers in {path}), never this helper; {Fix(host)}", problem: true);
                    return;
                case { } route:
                    facts.Add(ContainersTools, $"podman, buildah and skopeo send the login stored in {path} under {route.Name} and never run the helper for {host}; remove that entry", problem: true);
                    return;
            }
        }
        var ignored = stores.Count > 0 ? $" (they never read credsStore, which {string.Join(" and ", stores)} names)" : "";
        facts.Add(ContainersTools, $"podman, buildah and skopeo find no helper and no login for {host} in {string.Join(", ", order.Select(file => file.Path))}, so they send no credentials{ignored}; {Fix(host)}", problem: true);
    }
}
