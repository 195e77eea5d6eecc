using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The whole chain as IBM Cloud Container Registry runs it: a real docker-registry in token-auth mode
/// whose token server (the IAM emulator) accepts only <c>iambearer</c> with a live IAM access token, and
/// skopeo getting its credentials from the published helper in token mode.
/// </summary>
[TestFixture]
public sealed class IamRegistryEndToEndTests : IamEmulatorFixture
{
    /// <summary>What skopeo reports when the emulator's token server turns its login down.</summary>
    private const string TokenServerRefusal = "unauthorized: Log in as 'iambearer' with a live IAM access token";

    private readonly SharedRegistry registry = new();
    private TempDirectory? images;
    private OciImage image = null!;

    private RegistryServer Server => registry.Server;

    [OneTimeSetUp]
    public async Task StartRegistryAsync()
    {
        // Started after the emulator (the base fixture's [OneTimeSetUp]), whose token server it sends clients to.
        await registry.StartAsync(() => RegistryServer.StartWithTokenAuthAsync(Iam.RegistryTokenRealm, Iam.RegistryTokenIssuer, Iam.RegistryCertificatePemPath));
        images = new TempDirectory("ibmtp-e2e-image");
        image = OciImage.Write(images.Subdirectory("layout"), "v1", "pushed through docker-credential-ibmtp in token mode\n");
    }

    [OneTimeTearDown]
    public async Task StopRegistryAsync()
    {
        await registry.DisposeAsync();
        images?.Dispose();
    }

    [SetUp]
    public void UseHelperForTheRegistry()
    {
        Set(("IBMTP_REGISTRIES", Server.Host));
        Home.WriteContainersAuth(Server.Host);
        UseTokenMode(IamWorld.Builder.Id);
    }

    [Test]
    public async Task Skopeo_pushes_with_the_profiles_token_from_the_helper()
    {
        var skopeo = new Skopeo(Home);
        var reference = $"{Server.Host}/builder/app:v1";

        var push = await skopeo.PushAsync(image, reference);
        var inspect = await skopeo.InspectAsync(reference);

        Assert.That(push.Succeeded, $"{push}\n{Home.ReadLog()}\n{Server.Log}");
        Assert.That(inspect.Succeeded, inspect.ToString());
        var cached = HelperOutput.Credentials(await Helper.GetAsync(Server.Host)).Secret;
        Assert.Multiple(() =>
        {
            Assert.That(inspect.StandardOutput, Does.Contain(image.ManifestDigest));
            Assert.That(Iam.RegistryTokenRequests, Is.GreaterThanOrEqualTo(1), "the registry must have sent skopeo to the token server");
            Assert.That(Server.Log, Does.Contain($"auth.user.name={IamWorld.Builder.Id}"), "the registry saw the profile as the pushing user");
            // One exchange for the push; inspect's two gets and the test's own were served from the cache.
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(EmulatorToken.Subject(cached), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(Home.FilesContainingSecret(World.BuilderApiKey), Is.Empty);
            Assert.That(Home.FilesContainingSecret(cached), Is.Empty);
        });
    }

    [Test]
    public async Task The_registry_refuses_the_API_key_itself()
    {
        // apikey mode hands over profile ID + key, which ICR would take but this token server, like
        // ICR's for iambearer, only accepts with a live IAM token: proof that the push above needed one.
        Set(("IBMTP_MODE", "apikey"));

        var push = await new Skopeo(Home).PushAsync(image, $"{Server.Host}/builder/refused:v1");

        Assert.Multiple(() =>
        {
            Assert.That(push.Succeeded, Is.False, push.ToString());
            Assert.That(push.StandardError, Does.Contain(TokenServerRefusal), push.ToString());
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    /// <summary>
    /// Revoking the tokens makes the registry refuse the token the helper still has cached: the helper
    /// cannot know, and hands it out again without asking IAM. Bypassing the cache, it trades the key
    /// (which is not revoked) for a new token, and the push goes through again.
    /// </summary>
    [Test]
    public async Task After_revocation_the_cached_token_is_refused_and_a_fresh_one_is_accepted()
    {
        var skopeo = new Skopeo(Home);
        var before = await skopeo.PushAsync(image, $"{Server.Host}/builder/revoked:v1");
        Assert.That(before.Succeeded, $"{before}\n{Server.Log}");

        Iam.RevokeAllTokens();
        Iam.Reset();
        var withCachedToken = await skopeo.PushAsync(image, $"{Server.Host}/builder/revoked:v2");
        var callsWithCachedToken = IamCalls.Of(Iam);
        Set(("IBMTP_NO_CACHE", "1"));
        var withFreshToken = await skopeo.PushAsync(image, $"{Server.Host}/builder/revoked:v3");

        Assert.Multiple(() =>
        {
            Assert.That(withCachedToken.Succeeded, Is.False, withCachedToken.ToString());
            Assert.That(withCachedToken.StandardError, Does.Contain(TokenServerRefusal), withCachedToken.ToString());
            Assert.That(callsWithCachedToken, Is.EqualTo(IamCalls.None), "the refused token came from the cache");
            Assert.That(withFreshToken.Succeeded, $"{withFreshToken}\n{Server.Log}");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
        });
    }
}
