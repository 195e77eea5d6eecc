namespace Ibmtp.IntegrationTests;

/// <summary>
/// buildah login, logout, push and pull, confined to the test HOME (see <see cref="SandboxedContainersTool"/>).
/// buildah 1.28 uses the same containers/image code as podman 4.3: login gets, then stores once the
/// registry accepted the password; logout erases.
/// </summary>
public sealed class Buildah(TestHome home) : SandboxedContainersTool(home, "buildah");
