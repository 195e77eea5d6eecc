namespace Ibmtp.IntegrationTests;

/// <summary>
/// buildah login, logout, push and pull, confined to the test HOME (see <see cref="SandboxedContainersTool"/>).
/// buildah 1.28 uses the same containers/image code as podman 4.3: login gets, then stores once the
/// registry accepted the password; logout erases.
/// </summary>
public sealed class Buildah(TestHome home) : SandboxedContainersTool(home, "buildah")
{
    /// <summary>
    /// Pushes the OCI layout <paramref name="image"/> to <paramref name="destination"/>, e.g.
    /// "127.0.0.1:5000/team/app:1": buildah pushes only from its own storage, so the layout is pulled
    /// in first (a local copy, no registry involved).
    /// </summary>
    public async Task<ProcessResult> PushAsync(OciImage image, string destination)
    {
        var local = await RunAsync(null, "pull", "--quiet", image.Reference);
        if (!local.Succeeded)
            return local;
        var imageId = local.StandardOutput.Trim().Split('\n')[^1];
        return await RunAsync(null, "push", "--authfile", Home.ContainersAuthFile, "--tls-verify=false", imageId, $"docker://{destination}");
    }

    /// <summary>Pulls <paramref name="reference"/> from the registry into buildah's storage under the test HOME.</summary>
    public Task<ProcessResult> PullAsync(string reference) =>
        RunAsync(null, "pull", "--authfile", Home.ContainersAuthFile, "--tls-verify=false", $"docker://{reference}");
}
