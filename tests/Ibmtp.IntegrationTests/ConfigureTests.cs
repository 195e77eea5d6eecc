using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// After `docker-credential-ibmtp configure` and nothing else, each client's login stores through the
/// helper, skopeo pushes with what was stored, and the client's logout erases it. REGISTRY_AUTH_FILE
/// is unset, as on a user's machine, so configure finds the files itself; the containers tools are
/// given the file their login writes by default, ${XDG_RUNTIME_DIR}/containers/auth.json.
/// </summary>
[TestFixture("docker")]
[TestFixture("podman")]
[TestFixture("buildah")]
[TestFixture("skopeo")]
public sealed class ConfigureTests : ClientLoginFixture
{
    private readonly string _client;

    public ConfigureTests(string client)
        : base(client) => _client = client;

    [Test]
    public Task After_configure_login_stores_through_the_helper_skopeo_uses_it_and_logout_erases_it() =>
        AssertLoginStoresThroughTheHelperSkopeoUsesItAndLogoutErasesIt();

    [Test]
    public Task After_configure_a_rejected_login_stores_nothing() => AssertARejectedLoginStoresNothing();

    protected override ILoginClient Client(TestHome home) => LoginClients.For(_client, home);

    protected override void NameTheHelperInTheClientsConfig(TestHome home, string host) => ConfigureAsAUserWould(home, host);

    protected override void AssertTheClientsConfigHoldsNoSecret(TestHome home, string host)
    {
        var files = new[] { home.DockerConfigFile, home.ContainersAuthFile, Path.Combine(home.Environment["XDG_CONFIG_HOME"], "containers", "auth.json") };
        foreach (var file in files)
        {
            var json = JsonNode.Parse(File.ReadAllText(file));
            Assert.That(json?["credHelpers"]?[host]?.GetValue<string>(), Is.EqualTo("ibmtp"), file);
            Assert.That(json?["auths"]?[host]?["auth"], Is.Null, $"{_client} must not have written the login to {file}");
        }
    }
}
