using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Docker;

/// <summary>
/// docker 28's `docker login` runs get, then stores what it got even when the login failed: a login
/// the environment supplies must not end up on disk that way.
/// </summary>
[TestFixture]
public sealed class StoreFromEnvironmentTests : TempHomeFixture
{
    private const string ApiKey = "environment-key-7c1f2e";

    [Test]
    public void Storing_exactly_the_pair_the_environment_supplies_keeps_nothing_on_disk()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-env";

        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-env", ApiKey));

        Assert.That(HelperRun.Run(Home, "list").Stdout, Is.EqualTo("{}\n"));
        Assert.That(SecretForms.FilesHolding(Home.Root, ApiKey), Is.Empty);
        Assert.That(Home.KeystoreFile, Does.Not.Exist);
    }

    [Test]
    public void Another_login_for_the_same_host_is_kept_as_usual()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-env";

        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-other", "another-key-91ab"));

        Assert.That(HelperRun.Run(Home, "list").Stdout, Is.EqualTo("""{"us.icr.io":"Profile-other"}""" + "\n"));
    }

    [Test]
    public void In_token_mode_a_bearer_token_handed_back_is_not_kept()
    {
        Home.Variables["IBMTP_MODE"] = "token";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "iambearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln"));

        Assert.That(Home.KeystoreFile, Does.Not.Exist);
    }
}
