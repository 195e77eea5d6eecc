using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// `buildah login` stores the profile ID and API key through the helper named in the containers auth
/// file, skopeo later pushes with what was stored, and `buildah logout` erases it.
/// </summary>
[TestFixture]
public sealed class BuildahLoginTests() : ClientLoginFixture("buildah")
{
    [Test]
    public Task Buildah_login_stores_through_the_helper_skopeo_uses_it_and_buildah_logout_erases_it() =>
        AssertLoginStoresThroughTheHelperSkopeoUsesItAndLogoutErasesIt();

    [Test]
    public Task A_rejected_buildah_login_stores_nothing() => AssertARejectedLoginStoresNothing();

    protected override ILoginClient Client(TestHome home) => new Buildah(home);

    protected override void NameTheHelperInTheClientsConfig(TestHome home, string host) => home.WriteContainersAuth(host);

    protected override void AssertTheClientsConfigHoldsNoSecret(TestHome home, string host) =>
        Assert.That(JsonNode.Parse(File.ReadAllText(home.ContainersAuthFile))?["auths"]?[host], Is.Null);
}
