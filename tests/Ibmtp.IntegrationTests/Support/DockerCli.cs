namespace Ibmtp.IntegrationTests;

/// <summary>
/// The docker CLI's login and logout, which need no daemon: when none answers, `docker login` checks
/// the credentials itself, trying https first and falling back to http for a loopback registry.
/// With credHelpers in $DOCKER_CONFIG/config.json (observed with docker 28.2):
/// login -u … --password-stdin → store ×1 once the registry accepted the password; a rejected one
/// calls nothing and leaves stored credentials alone. Login also adds an empty "auths" entry for the
/// host to config.json (no secret in it).
/// logout → erase ×2 with the same host:port, and exit 0 whatever erase answers, even an error.
/// Bare `docker login` (no -u) would need a daemon: it gets, stores back what it got, then fails.
/// </summary>
public sealed class DockerCli : ILoginClient
{
    private readonly Func<string?, string[], Task<ProcessResult>> run;

    /// <summary>The machine's docker, with <paramref name="home"/>'s environment and nothing else.</summary>
    public DockerCli(TestHome home)
    {
        var executable = Peers.Require("docker");
        run = (standardInput, arguments) => ProcessRunner.RunAsync(executable, arguments, new ProcessOptions
        {
            InheritEnvironment = false,
            StandardInput = standardInput,
            Environment = new Dictionary<string, string>(home.Environment) { ["DOCKER_HOST"] = NoDaemon(home.Path) },
        });
    }

    /// <summary>The docker CLI installed in <paramref name="root"/> at <paramref name="executable"/>, run there with the root's environment.</summary>
    public DockerCli(MinimalRoot root, string executable) =>
        run = (standardInput, arguments) => root.RunProgramAsync([executable, .. arguments], standardInput, new Dictionary<string, string> { ["DOCKER_HOST"] = NoDaemon("/tmp") });

    /// <summary>The password goes through stdin, never argv.</summary>
    public Task<ProcessResult> LoginAsync(string host, string username, string password) =>
        run(password, ["login", host, "--username", username, "--password-stdin"]);

    public Task<ProcessResult> LogoutAsync(string host) => run(null, ["logout", host]);

    /// <summary>
    /// Reads the manifest of <paramref name="reference"/> from the registry, as a pull starts: the CLI does it
    /// itself, with no daemon, over plain HTTP for a loopback registry.
    /// </summary>
    public Task<ProcessResult> ManifestInspectAsync(string reference) => run(null, ["manifest", "inspect", "--insecure", reference]);

    /// <summary>
    /// Pushes a manifest list holding the image <paramref name="image"/> (already in the registry) as
    /// <paramref name="list"/>: the CLI reads the image's manifest, pushes it and mounts its blobs into the list's
    /// repository, then pushes the list, all itself, with no daemon. The list is drafted under DOCKER_CONFIG.
    /// </summary>
    public async Task<ProcessResult> PushManifestListAsync(string list, string image)
    {
        var create = await run(null, ["manifest", "create", "--insecure", list, image]);
        return create.Succeeded ? await run(null, ["manifest", "push", "--insecure", list]) : create;
    }

    // A socket nobody listens on: login is then always done by the CLI itself, even on a machine where
    // a daemon runs, and the daemon never sees the test's credentials.
    private static string NoDaemon(string folder) => $"unix://{folder}/no-docker-daemon.sock";
}
