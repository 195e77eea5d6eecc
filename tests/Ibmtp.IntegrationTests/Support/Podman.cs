namespace Ibmtp.IntegrationTests;

/// <summary>
/// podman login and logout, confined to the test HOME (see <see cref="SandboxedContainersTool"/>).
/// With credHelpers in the auth file (observed with podman 4.3.1):
/// login → get (once per config that names the helper for the host: the auth file, then
/// $DOCKER_CONFIG/config.json, stopping at the first that has credentials), then store once the registry
/// accepted the password; a rejected password stores nothing. With existing credentials and no -u,
/// login just gets and checks them.
/// logout → erase ×1; exit 0 only if erase succeeds. When erase fails, even with "credentials not
/// found in native keychain", podman 4.3.1 crashes with a Go stack overflow (exit 2, a huge stderr).
/// </summary>
public sealed class Podman(TestHome home) : SandboxedContainersTool(home, "podman")
{
    /// <summary>Prints the username the credentials for <paramref name="host"/> hold, asking the helper with get.</summary>
    public Task<ProcessResult> GetLoginAsync(string host) =>
        RunAsync(null, "login", "--authfile", Home.ContainersAuthFile, "--get-login", host);

    /// <summary>Prints the manifest digest of the image <paramref name="reference"/> in podman's storage under the test HOME.</summary>
    public Task<ProcessResult> ImageDigestAsync(string reference) =>
        RunAsync(null, "image", "inspect", "--format", "{{.Digest}}", reference);
}
