using System.Text.Json;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// skopeo against the plain-HTTP test registry. Credentials come from the auth file: with
/// credHelpers there, every registry operation runs `docker-credential-ibmtp get` with the bare
/// host:port on stdin and no trailing newline. On "credentials not found" it asks again if
/// $DOCKER_CONFIG/config.json names a helper for the host too, then goes on anonymously, so the
/// registry's 401 is what fails the command; any other helper error fails it at once.
/// Observed with skopeo 1.9: copy to the registry → get ×1; inspect → get ×2 (manifest, then config);
/// inspect --raw → get ×1. Nothing else of the protocol is used.
/// </summary>
public sealed class Skopeo : ILogoutAllClient
{
    // As root, copy records blob locations in /var/lib/containers/cache; this internal containers/image
    // switch makes it use $XDG_DATA_HOME/containers/cache instead.
    private static readonly KeyValuePair<string, string> CacheUnderHome = new("_CONTAINERS_ROOTLESS_UID", "1000");

    private readonly Func<string?, string[], Task<ProcessResult>> run;
    private readonly string authFile;

    /// <summary>The machine's skopeo, with <paramref name="environment"/> and nothing else, and the auth file <paramref name="authFile"/>.</summary>
    public Skopeo(IReadOnlyDictionary<string, string> environment, string authFile)
    {
        var executable = Peers.Require("skopeo");
        this.authFile = authFile;
        run = (standardInput, arguments) => ProcessRunner.RunAsync(executable, arguments, new ProcessOptions
        {
            InheritEnvironment = false,
            StandardInput = standardInput,
            Environment = new Dictionary<string, string>(environment) { [CacheUnderHome.Key] = CacheUnderHome.Value },
        });
    }

    public Skopeo(TestHome home)
        : this(home.Environment, home.ContainersAuthFile)
    {
    }

    /// <summary>The skopeo installed in <paramref name="root"/> at <paramref name="executable"/>, run there with the root's environment; <paramref name="authFile"/> is a path inside the root.</summary>
    public Skopeo(MinimalRoot root, string executable, string authFile)
    {
        this.authFile = authFile;
        run = (standardInput, arguments) => root.RunProgramAsync([executable, .. arguments], standardInput, new Dictionary<string, string>([CacheUnderHome]));
    }

    /// <summary>Pushes <paramref name="image"/> to <paramref name="reference"/> and inspects it back: both must succeed, and the registry must hold that very manifest.</summary>
    public async Task AssertPushesAndInspectsAsync(OciImage image, string reference, Func<string> registryLog)
    {
        var push = await PushAsync(image, reference);
        var inspect = await InspectAsync(reference);

        Assert.That(push.Succeeded, $"{push}\n{registryLog()}");
        Assert.That(inspect.Succeeded, $"{inspect}\n{registryLog()}");
        using var manifest = JsonDocument.Parse(inspect.StandardOutput);
        Assert.That(manifest.RootElement.GetProperty("Digest").GetString(), Is.EqualTo(image.ManifestDigest));
    }

    /// <summary>Copies <paramref name="image"/> to <paramref name="destination"/>, e.g. "127.0.0.1:5000/team/app:1".</summary>
    public Task<ProcessResult> PushAsync(OciImage image, string destination) =>
        RunAsync("copy", "--authfile", authFile, "--dest-tls-verify=false", image.Reference, $"docker://{destination}");

    /// <summary>
    /// Copies <paramref name="image"/> to <paramref name="destination"/> in docker's own image format (schema 2), which
    /// the manifest commands of docker CLIs before 23 need (they find no OCI manifest); the digest pushed goes to
    /// <paramref name="digestFile"/>.
    /// </summary>
    public Task<ProcessResult> PushAsDockerImageAsync(OciImage image, string destination, string digestFile) =>
        RunAsync("copy", "--authfile", authFile, "--dest-tls-verify=false", "--format", "v2s2", "--digestfile", digestFile, image.Reference, $"docker://{destination}");

    /// <summary>Copies <paramref name="reference"/> from the registry into a new OCI layout in <paramref name="directory"/>, tagged <paramref name="tag"/>.</summary>
    public Task<ProcessResult> PullAsync(string reference, string directory, string tag) =>
        RunAsync("copy", "--authfile", authFile, "--src-tls-verify=false", $"docker://{reference}", $"oci:{directory}:{tag}");

    /// <summary>Reads the image's manifest and config from the registry; prints them as JSON.</summary>
    public Task<ProcessResult> InspectAsync(string reference) =>
        RunAsync("inspect", "--authfile", authFile, "--tls-verify=false", $"docker://{reference}");

    /// <summary>
    /// Reads the image's manifest and config with exactly this login, as a container runtime pulls with the
    /// credentials the kubelet hands it; no auth file or helper is consulted.
    /// </summary>
    public Task<ProcessResult> InspectWithAsync(string reference, string username, string password) =>
        RunAsync("inspect", "--tls-verify=false", "--creds", $"{username}:{password}", $"docker://{reference}");

    /// <summary>Reads the image's manifest and config with no login at all.</summary>
    public Task<ProcessResult> InspectAnonymouslyAsync(string reference) =>
        RunAsync("inspect", "--tls-verify=false", "--no-creds", $"docker://{reference}");

    /// <summary>The password goes through stdin, never argv.</summary>
    public Task<ProcessResult> LoginAsync(string host, string username, string password) =>
        RunWithInputAsync(password, "login", "--tls-verify=false", "--authfile", authFile, "--username", username, "--password-stdin", host);

    public Task<ProcessResult> LogoutAsync(string host) => RunAsync("logout", "--authfile", authFile, host);

    public Task<ProcessResult> LogoutAllAsync() => RunAsync("logout", "--authfile", authFile, "--all");

    /// <summary>Inspects a local layout, which needs no registry and no credentials.</summary>
    public Task<ProcessResult> InspectAsync(OciImage image) => RunAsync("inspect", image.Reference);

    private Task<ProcessResult> RunAsync(params string[] arguments) => RunWithInputAsync(null, arguments);

    private Task<ProcessResult> RunWithInputAsync(string? standardInput, params string[] arguments) => run(standardInput, arguments);
}
