using Ibmtp.CloudIdentity;
using Ibmtp.Keystores;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Sessions;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Frontends.Docker;

/// <summary>
/// Where a person's session stands among the sources of a get: after the environment's own credentials,
/// before what <c>docker login</c> saved; and list never shows it.
/// </summary>
[TestFixture]
public sealed class PersonSessionGetTests : TempHomeFixture
{
    private static PersonSession Session()
    {
        var now = DateTimeOffset.UtcNow;
        return new PersonSession(new Secret("RefreshToken-get-1a2b3c4d"), "session-7d1f", new Uri("https://iam.test.example/"),
            new TrustedProfile(TrustedProfileKind.Id, "Profile-1"), "account-1", "Jane Doe", "IBMid-2700001AB2", now, now, false);
    }

    /// <summary>A session whose profile token is in the cache, fresh: a get needs no network to answer with it.</summary>
    private void SignedInWithCachedToken(string profileToken)
    {
        var session = Session();
        new SessionStore(new Lazy<IKeystore>(Home.Keystore())).Save(session);
        var cache = new FileTokenCache(() => Home.Paths.CacheFolder, TimeProvider.System, HelperLog.Silent());
        using var deadline = new Deadline(TimeSpan.FromSeconds(5), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        cache.RefreshAsync(TokenService.CacheKey(session.CacheIdentity), () => Task.FromResult(new IamToken(new Secret(profileToken), now, now.AddHours(1))), deadline, _ => { })
            .GetAwaiter().GetResult();
    }

    [Test]
    public void A_session_answers_before_a_saved_login()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-1", "saved-api-key"));
        SignedInWithCachedToken("profile-token-of-the-session");

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        Assert.That(result.Stdout, Is.EqualTo("""{"ServerURL":"us.icr.io","Username":"iambearer","Secret":"profile-token-of-the-session"}""" + "\n"));
    }

    [Test]
    public void The_environments_own_credentials_answer_before_a_session()
    {
        SignedInWithCachedToken("profile-token-of-the-session");
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        Assert.That(result.Stdout, Is.EqualTo("""{"ServerURL":"us.icr.io","Username":"iamapikey","Secret":"api-key-1"}""" + "\n"));
    }

    [Test]
    public void List_shows_the_saved_logins_and_never_the_session()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-1", "saved-api-key"));
        SignedInWithCachedToken("profile-token-of-the-session");

        var result = HelperRun.Run(Home, "list");

        Assert.That(result.Stdout, Is.EqualTo("""{"us.icr.io":"Profile-1"}""" + "\n"));
    }
}
