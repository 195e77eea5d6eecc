using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// `docker login` (the CLI checks the password itself, no daemon) stores the profile ID and API key
/// through the helper, skopeo later pushes with what was stored, and `docker logout` erases it.
/// </summary>
[TestFixture]
public sealed class DockerLoginTests() : ClientLoginFixture("docker")
{
    [Test]
    public Task Docker_login_stores_through_the_helper_skopeo_uses_it_and_docker_logout_erases_it() =>
        AssertLoginStoresThroughTheHelperSkopeoUsesItAndLogoutErasesIt();

    [Test]
    public Task A_rejected_docker_login_stores_nothing() => AssertARejectedLoginStoresNothing();

    protected override ILoginClient Client(TestHome home) => new DockerCli(home);

    protected override void NameTheHelperInTheClientsConfig(TestHome home, string host) => home.WriteDockerConfig(host);

    protected override void AssertTheClientsConfigHoldsNoSecret(TestHome home, string host) =>
        Assert.That(AuthsEntryOf(home.DockerConfigFile, host)?["auth"], Is.Null, "docker must not have written the secret to config.json");

    private static JsonNode? AuthsEntryOf(string configFile, string host) =>
        JsonNode.Parse(File.ReadAllText(configFile))?["auths"]?[host];
}
