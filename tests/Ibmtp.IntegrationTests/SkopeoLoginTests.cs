using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>`skopeo login` stores through the helper, skopeo then pushes with it, and `skopeo logout` erases it.</summary>
[TestFixture]
public sealed class SkopeoLoginTests() : ClientLoginFixture("skopeo")
{
    [Test]
    public Task Skopeo_login_stores_through_the_helper_skopeo_uses_it_and_skopeo_logout_erases_it() =>
        AssertLoginStoresThroughTheHelperSkopeoUsesItAndLogoutErasesIt();

    [Test]
    public Task A_rejected_skopeo_login_stores_nothing() => AssertARejectedLoginStoresNothing();

    protected override ILoginClient Client(TestHome home) => new Skopeo(home);

    protected override void NameTheHelperInTheClientsConfig(TestHome home, string host) => home.WriteContainersAuth(host);

    protected override void AssertTheClientsConfigHoldsNoSecret(TestHome home, string host) =>
        Assert.That(JsonNode.Parse(File.ReadAllText(home.ContainersAuthFile))?["auths"]?[host], Is.Null);
}
