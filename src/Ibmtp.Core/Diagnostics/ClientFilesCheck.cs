using Ibmtp.ClientConfig;
using Ibmtp.Hosts;
using Ibmtp.Platform;

namespace Ibmtp.Diagnostics;

/// <summary>Whether each auth file the clients read sends the host to the helper, or holds a login that shadows it.</summary>
public sealed class ClientFilesCheck(HelperContext context, HelperPaths paths) : IDoctorCheck
{
    public void Run(RegistryHost host, FactSheet facts)
    {
        var files = new AuthFiles(context.Environment, paths);
        var login = files.ContainersLogin(context.UserId);
        Client("docker", files.Docker, host, facts);
        Client("containers", files.Containers, host, facts);
        if (login != files.Containers)
            Client("containers logins", login, host, facts);
        LegacyDockerFile(files.LegacyDocker, host, facts);
    }

    /// <summary>podman, buildah and skopeo still read docker's pre-2015 file, last: a login there is used whenever the helper has nothing for the host.</summary>
    private static void LegacyDockerFile(string path, RegistryHost host, FactSheet facts)
    {
        if (!File.Exists(path))
            return;
        try
        {
            foreach (var key in AuthFile.Read(path).TopLevelLoginKeys.Where(key => RegistryHost.TryParse(key, out var stored) && stored == host))
                facts.Add("legacy login", $"{path}: holds a login for {key} that podman, buildah and skopeo may use instead of the helper; remove that entry", problem: true);
        }
        catch (HelperException error)
        {
            facts.Add("legacy login", error.Message, problem: true);
        }
    }

    private static void Client(string name, string path, RegistryHost host, FactSheet facts)
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
        var helper = file.CredHelpers.GetValueOrDefault(host.ToString());
        facts.Add(name, helper == HelperInfo.CredHelperName
            ? $"{path}: names the helper for {host}"
            : $"{path}: does not name the helper for {host}; run docker-credential-ibmtp configure --registries {host}", helper != HelperInfo.CredHelperName);
        foreach (var key in file.StoredLoginKeys.Where(key => RegistryHost.TryParse(key, out var stored) && stored == host))
        {
            var why = key.Contains("://", StringComparison.Ordinal)
                ? "a login docker 20.10 wrote under the full address, bypassing the helper; log in with the bare host"
                : "a stored login the clients may use instead of the helper";
            facts.Add($"{name} login", $"{path}: auths has {key}: {why}; remove that entry (or run docker logout {key}), then log in again", problem: true);
        }
    }
}
