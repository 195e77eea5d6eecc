using Ibmtp.ClientConfig;
using Ibmtp.Hosts;
using Ibmtp.Platform;

namespace Ibmtp.Diagnostics;

/// <summary>
/// Whether <c>DOCKER_AUTH_CONFIG</c> (which GitLab CI sets from a CI variable) holds a login for the
/// host, which docker 28.3 and later send instead of running any helper. Says nothing when it is unset,
/// and never shows what it holds but its keys.
/// </summary>
public sealed class DockerAuthConfigCheck(IEnvironment environment) : IDoctorCheck
{
    private const string Name = DockerAuthConfig.Variable;

    public void Run(RegistryHost host, FactSheet facts)
    {
        if (DockerAuthConfig.Read(environment) is not { } variable)
            return;
        if (variable.IgnoredBecause is { } why)
        {
            facts.Add(Name, $"set, but docker 28.3 and later ignore all of it, as {why} (each docker command prints \"Failed to create credential store from DOCKER_AUTH_CONFIG\"), and run the helper config.json names; it takes only {{\"auths\":{{\"<host>\":{{\"auth\":\"<base64 of user:password>\"}}}}}}");
            return;
        }
        if (variable.KeyFor(host) is { } key)
        {
            facts.Add(Name, $"set, with a login for {key} that docker 28.3 and later send instead of running any helper for {host}; remove that entry from it, or unset it where docker pushes to {host}", problem: true);
            return;
        }
        var others = variable.OtherSpellingsOf(host);
        var held = variable.Keys.Count == 0 ? "no logins" : $"logins for {string.Join(", ", variable.Keys)}";
        var spelled = others.Count == 0 ? "" : $" (docker matches its keys exactly, so {string.Join(", ", others)} is not used for {host}/… images)";
        facts.Add(Name, $"set, with {held}; none for {host}{spelled}, so docker runs the helper config.json names for it");
    }
}
