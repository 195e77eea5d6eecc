using DiffPlex.Renderer;
using Ibmtp.ClientConfig;
using Ibmtp.CommandLine;
using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Platform;

namespace Ibmtp.Commands;

/// <summary>
/// <c>configure</c>: names the helper under <c>credHelpers</c> for the ICR hosts, in docker's
/// config.json and in the containers tools' auth files, changing nothing else in them.
/// </summary>
public static class ConfigureCommand
{
    private const string HelperName = HelperInfo.CredHelperName;

    private static readonly CommandOption DockerOption = new("--docker", "configure docker ($DOCKER_CONFIG/config.json, else ~/.docker/config.json)");
    private static readonly CommandOption ContainersOption = new("--containers", "configure podman, buildah and skopeo (REGISTRY_AUTH_FILE, else ~/.config/containers/auth.json and the file their logins write)");
    private static readonly CommandOption RegistriesOption = new("--registries", "configure these hosts (comma-separated) instead of icr.io and every public regional host", OptionValue.Required, "hosts");
    private static readonly CommandOption PrivateOption = new("--private", "also configure private.icr.io and the private.<region>.icr.io hosts");
    private static readonly CommandOption RemoveOption = new("--remove", "remove the credHelpers entries that name ibmtp");
    private static readonly CommandOption DryRunOption = new("--dry-run", "print a unified diff of each file and write nothing");

    private static readonly CommandSyntax Syntax = new("configure", "Names docker-credential-ibmtp under credHelpers for the ICR registries.",
        [DockerOption, ContainersOption, RegistriesOption, PrivateOption, RemoveOption, DryRunOption]);

    public static int Run(HelperContext context, IReadOnlyList<string> args)
    {
        var person = new PersonCommand(context, "configure");
        return person.Parse(Syntax, args, out var parsed) ?? person.Run(() => Configure(context, person, parsed));
    }

    private static int Configure(HelperContext context, PersonCommand person, ParsedArguments parsed)
    {
        var hosts = Hosts(parsed);
        var remove = parsed.Has(RemoveOption);
        var dryRun = parsed.Has(DryRunOption);
        var files = new AuthFiles(context.Environment, new HelperPaths(context.Environment));

        Func<string, bool> removed = host => parsed.Value(RegistriesOption) is null || hosts.Contains(host);
        // What is made again on a file that another program changed meanwhile (see AuthFile.Save).
        Action<AuthFile> change = remove
            ? file => file.RemoveHelper(HelperName, removed)
            : file =>
            {
                foreach (var host in hosts)
                    file.NameHelper(host, HelperName, out _);
            };

        // Every file is read and changed in memory first, so a malformed one stops the run before any is written.
        var edits = Targets(context, files, parsed).Select(AuthFile.Read).Select(file => remove
            ? Remove(file, removed, dryRun)
            : Name(person, file, hosts, dryRun)).ToList();
        foreach (var (file, outcome) in edits)
        {
            Save(person, file, change, dryRun);
            person.Say($"{file.Path}: {outcome}");
            if (file.CredsStore == HelperName)
                person.Warn($"{file.Path}: credsStore is \"{HelperName}\", so every registry's credentials go through this helper, which serves only ICR hosts; remove the credsStore line");
        }

        if (!remove)
        {
            person.Say("note: clients such as classic `docker build` and podman remote call the helper for every credHelpers entry; configure only the registries you use (--registries)");
            foreach (var host in hosts.Where(host => RegistryHost.TryParse(host, out var parsedHost) && !ServedHosts.IsIbmRegistry(parsedHost)))
                person.Warn($"{host} is not an IBM Cloud Container Registry host: the helper answers for it only once it is opted in, with {SettingsTable.Registries.Variable}={host} or registries in its config file");
            AdviseOnContainersLogins(context, person, files, parsed);
            if (!IsOnPath(context))
                person.Warn($"{HelperInfo.Name} is not on PATH, so docker and podman cannot run it: install it into a folder on PATH (packaging/install.sh uses ~/.local/bin)");
        }
        return 0;
    }

    private static IReadOnlyList<string> Hosts(ParsedArguments parsed)
    {
        if (parsed.Value(RegistriesOption) is { } given)
        {
            var hosts = new List<string>();
            foreach (var address in given.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                hosts.Add(RegistryHost.TryParse(address, out var host)
                    ? host.ToString()
                    : throw new HelperException($"--registries has '{address}', which is not a host[:port]"));
            }
            return hosts.Count > 0 ? hosts : throw new HelperException("--registries names no host");
        }
        return parsed.Has(PrivateOption) ? [.. IcrRegistries.Public, .. IcrRegistries.Private] : IcrRegistries.Public;
    }

    /// <summary>
    /// docker's file, and the containers tools' files: the one they keep and, unless
    /// REGISTRY_AUTH_FILE names one file for both, the one their logins write to. Without the
    /// helper in the latter, a login would store the key there, base64-encoded, shadowing the helper.
    /// </summary>
    private static IEnumerable<string> Targets(HelperContext context, AuthFiles files, ParsedArguments parsed)
    {
        var docker = parsed.Has(DockerOption);
        var containers = parsed.Has(ContainersOption);
        if (docker || !containers)
            yield return files.Docker;
        if (containers || !docker)
        {
            yield return files.Containers;
            if (files.ContainersLogin(context.UserId) is var login && login != files.Containers)
                yield return login;
        }
    }

    private static (AuthFile File, string Outcome) Name(PersonCommand person, AuthFile file, IReadOnlyList<string> hosts, bool dryRun)
    {
        var named = 0;
        foreach (var host in hosts)
        {
            if (!file.NameHelper(host, HelperName, out var replaced))
                continue;
            named++;
            if (replaced is not null)
                person.Warn($"{file.Path}: {host} named the helper \"{replaced}\"; it now names \"{HelperName}\"");
        }
        foreach (var key in file.StoredLoginKeys)
        {
            if (RegistryHost.TryParse(key, out var stored) && hosts.Contains(stored.ToString()))
                person.Warn($"{file.Path}: auths holds a stored login for {key}, which clients stop using now that credHelpers names {HelperName} for {stored}; log in again through the helper, then remove that auths entry");
        }
        var outcome = dryRun ? "would name" : "names";
        return (file, named > 0 ? $"credHelpers {outcome} {HelperName} for {named} more host(s), {hosts.Count} in all" : "already configured");
    }

    private static (AuthFile File, string Outcome) Remove(AuthFile file, Func<string, bool> hosts, bool dryRun)
    {
        var removed = file.RemoveHelper(HelperName, hosts);
        return (file, removed.Count == 0 ? "nothing to remove" : $"{(dryRun ? "would remove" : "removed")} {HelperName} for {string.Join(", ", removed)}");
    }

    /// <summary>Writes a changed file (see <see cref="AuthFile.Save"/>), or prints its diff.</summary>
    private static void Save(PersonCommand person, AuthFile file, Action<AuthFile> change, bool dryRun)
    {
        if (!dryRun)
        {
            file.Save(change);
            return;
        }
        if (!file.Changed)
            return;
        // Diffed without the final line break, which the renderer would show as an extra line. The
        // lines around the change can hold a client's logins, which the file shows blanked.
        var (before, after) = file.ShownChange();
        var diff = UnidiffRenderer.GenerateUnidiff(TrimLastLineBreak(before ?? ""), TrimLastLineBreak(after), before is null ? "/dev/null" : file.Path, file.Path);
        diff = before is null ? diff.Replace("@@ -1,0 ", "@@ -0,0 ", StringComparison.Ordinal) : diff;
        person.Say(diff.TrimEnd('\n'));
    }

    private static string TrimLastLineBreak(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;

    private static void AdviseOnContainersLogins(HelperContext context, PersonCommand person, AuthFiles files, ParsedArguments parsed)
    {
        if (parsed.Has(DockerOption) && !parsed.Has(ContainersOption))
            return;
        var login = files.ContainersLogin(context.UserId);
        if (login == files.Containers)
            return;
        person.Say($"note: podman, buildah and skopeo login write to {login}, which a reboot empties; so that their logins always go through the helper, add this to your shell profile:");
        person.Say($"  export {AuthFiles.RegistryAuthFileVariable}={files.Containers}");
    }

    private static bool IsOnPath(HelperContext context) =>
        (context.Environment.Get("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, HelperInfo.Name)));
}
