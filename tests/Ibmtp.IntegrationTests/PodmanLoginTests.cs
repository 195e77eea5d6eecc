using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// `podman login` stores the profile ID and API key through the helper named in the containers auth
/// file, skopeo later pushes with what was stored, and `podman logout` erases it.
/// podman login asks the helper first, then stores.
/// podman 4.3.1 crashes when a logout's erase fails, so these tests only log out of a stored host.
/// </summary>
[TestFixture]
public sealed class PodmanLoginTests() : ClientLoginFixture("podman")
{
    [Test]
    public Task Podman_login_stores_through_the_helper_skopeo_uses_it_and_podman_logout_erases_it() =>
        AssertLoginStoresThroughTheHelperSkopeoUsesItAndLogoutErasesIt();

    [Test]
    public Task A_rejected_podman_login_stores_nothing() => AssertARejectedLoginStoresNothing();

    [Test]
    public async Task Podman_login_get_login_prints_the_username_the_helper_holds()
    {
        using var home = HomeServingTheRegistry();
        home.WriteContainersAuth(Registry.Host);
        var podman = new Podman(home);
        Assert.That((await podman.LoginAsync(Registry.Host, ProfileId, ApiKey)).Succeeded);

        var getLogin = await podman.GetLoginAsync(Registry.Host);

        Assert.That(getLogin.Succeeded, getLogin.ToString());
        Assert.That(getLogin.StandardOutput.Trim(), Is.EqualTo(ProfileId));
    }

    protected override ILoginClient Client(TestHome home) => new Podman(home);

    protected override void NameTheHelperInTheClientsConfig(TestHome home, string host) => home.WriteContainersAuth(host);

    protected override void AssertTheClientsConfigHoldsNoSecret(TestHome home, string host)
    {
        var authFile = JsonNode.Parse(File.ReadAllText(home.ContainersAuthFile));
        Assert.That(authFile?["auths"]?[host], Is.Null, $"podman must not have written the login to the auth file: {authFile}");
        Assert.That(authFile?["credHelpers"]?[host]?.GetValue<string>(), Is.EqualTo("ibmtp"));
    }
}
