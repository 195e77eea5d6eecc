namespace Ibmtp.IntegrationTests;

/// <summary>The clients whose login and logout go through the helper, by executable name.</summary>
public static class LoginClients
{
    public static ILoginClient For(string client, TestHome home) => client switch
    {
        "docker" => new DockerCli(home),
        "podman" => new Podman(home),
        "buildah" => new Buildah(home),
        "skopeo" => new Skopeo(home),
        _ => throw new ArgumentOutOfRangeException(nameof(client), client, "not a login client"),
    };
}
