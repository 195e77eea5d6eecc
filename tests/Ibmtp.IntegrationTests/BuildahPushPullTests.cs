using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// buildah push and pull, with the helper named by `configure`, use the credentials the helper hands
/// out: from the environment, or from the keystore after a login.
/// </summary>
[TestFixture]
public sealed class BuildahPushPullTests() : RegistryFixture("buildah")
{
    [Test]
    public async Task Push_and_pull_use_the_API_key_from_the_environment()
    {
        using var home = HomeConfiguredByTheHelper();
        home.Environment["IBMTP_API_KEY"] = ApiKey;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;
        using var calls = HelperInvocations.Install(home);

        await AssertBuildahPushesAndPulls(home, "buildah/env");

        Assert.That(calls.Read().Select(call => call.Action), Is.Not.Empty.And.All.EqualTo("get"));
    }

    [Test]
    public async Task Push_and_pull_use_the_login_kept_in_the_keystore()
    {
        using var home = HomeConfiguredByTheHelper();
        var buildah = new Buildah(home);
        Assert.That((await buildah.LoginAsync(Registry.Host, ProfileId, ApiKey)).Succeeded);

        await AssertBuildahPushesAndPulls(home, "buildah/keystore");

        Assert.That(home.FilesContainingSecret(ApiKey), Is.Empty, "the API key, plain or base64, in a file under HOME");
    }

    [Test]
    public async Task Without_credentials_the_push_is_refused_by_the_registry()
    {
        using var home = HomeConfiguredByTheHelper();
        var image = OciImage.Write(home.Subdirectory("layout"), "v1", "anonymous\n", withoutLayers: true);

        var push = await new Buildah(home).PushAsync(image, $"{Registry.Host}/buildah/anonymous:v1");

        Assert.That(push.ExitCode, Is.Not.EqualTo(0), push.ToString());
        Assert.That(push.StandardError, Does.Contain("unauthorized").IgnoreCase.Or.Contain("authentication required").IgnoreCase, push.ToString());
    }

    private async Task AssertBuildahPushesAndPulls(TestHome home, string repository)
    {
        var image = OciImage.Write(home.Subdirectory("layout"), "v1", $"{repository} {Guid.NewGuid()}\n", withoutLayers: true);
        var reference = $"{Registry.Host}/{repository}:v1";
        var buildah = new Buildah(home);

        var push = await buildah.PushAsync(image, reference);
        var pull = await buildah.PullAsync(reference);

        Assert.That(push.Succeeded, $"{push}\n{Registry.Log}");
        Assert.That(pull.Succeeded, $"{pull}\n{Registry.Log}");
    }
}
