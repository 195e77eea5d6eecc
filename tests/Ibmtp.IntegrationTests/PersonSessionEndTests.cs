using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A session IAM no longer accepts (its account's maximum length reached, left unused past the inactivity
/// timeout, or the profile no longer trusting the person) makes the get that tries to renew it fail in the
/// protocol's one line, naming the person, saying why and what to run; and nothing of it is left behind, in each
/// keystore: no session entry, and no cached token.
/// </summary>
[TestFixture]
public sealed class PersonSessionEndTests : PersonSessionFixture
{
    protected override Person Person { get; } = new("IBMid-270000ENDED", "Katherine Johnson", "katherine.ended@example.test", IamWorld.AccountId, "trajectory");

    /// <summary>How the account or the profile ends the session after the sign-in, what the failing get must say, and the grants it makes.</summary>
    public sealed record SessionEnd(string Name, Action<IamEmulator> Apply, string Why, int Refreshes, int Assumes)
    {
        public override string ToString() => Name;
    }

    private static readonly SessionEnd[] Ends =
    [
        // The session started at login, 50 minutes before the get; the token handed out then had an hour.
        new("session maximum", iam => iam.SessionPolicy = new SessionPolicy(TimeSpan.FromMinutes(45), TimeSpan.FromHours(2)), "the session's refresh token expired", 1, 0),
        new("inactivity", iam => iam.SessionPolicy = new SessionPolicy(TimeSpan.FromHours(24), TimeSpan.FromMinutes(30)), "ended for inactivity", 1, 0),
        new("trust removed", iam => iam.RemovePersonTrust(IamWorld.Builder.Id, "IBMid-270000ENDED"), $"the trusted profile {IamWorld.Builder.Id} does not trust you", 1, 1),
    ];

    private static IEnumerable<TestCaseData> EndsInEachKeystore() =>
        from end in Ends
        from keystore in KeystoreInUse.Names
        select new TestCaseData(end, keystore).SetArgDisplayNames(end.Name, keystore);

    [TestCaseSource(nameof(EndsInEachKeystore))]
    public async Task An_ended_session_fails_get_in_one_line_that_names_the_person_and_says_why_and_leaves_nothing_behind(SessionEnd end, string keystoreName)
    {
        using var keystore = await KeystoreInUse.StartAsync(Home, keystoreName);
        await LoginAsync();
        await GetBearerTokenAsync();
        Assert.That(keystore.KeptSession(), Is.Not.Null);
        end.Apply(Iam);
        Iam.Reset();

        AgeTo(PastRenewal);
        var get = await Helper.GetAsync(Registry);

        AssertSessionEnded(get, end.Why);
        Assert.Multiple(() =>
        {
            Assert.That((Iam.RequestCount(GrantTypes.RefreshToken), Iam.RequestCount(GrantTypes.Assume)), Is.EqualTo((end.Refreshes, end.Assumes)), "the grants the failing get made");
            Assert.That(keystore.KeptSession(), Is.Null, "the session entry is removed from the keystore");
            Assert.That(CachedTokenFiles(), Is.Empty, "no cached token is left for the session");
        });
        Assert.That((await Helper.RunWithArgumentsAsync("logout")).StandardOutput, Is.EqualTo("no one is signed in\n"));
        HelperOutput.AssertNotFound(await Helper.GetAsync(Registry));
        Assert.That(Iam.TotalTokenRequests, Is.EqualTo(end.Refreshes + end.Assumes), "once removed, the session is not tried again");
    }

    [Test]
    public async Task A_revoked_session_fails_get_in_one_line_and_leaves_nothing_behind()
    {
        using var keystore = await KeystoreInUse.StartAsync(Home, KeystoreInUse.File);
        await LoginAsync();
        await GetBearerTokenAsync();
        Assert.That(Iam.RevokeSession(keystore.KeptSession()!.SessionId), Is.True);

        AgeTo(PastRenewal);
        var get = await Helper.GetAsync(Registry);

        AssertSessionEnded(get, "IAM no longer accepts the session's refresh token");
        Assert.That(keystore.KeptSession(), Is.Null);
        Assert.That(CachedTokenFiles(), Is.Empty);
    }

    private string[] CachedTokenFiles() =>
        Directory.Exists(Home.CacheFolder()) ? Directory.GetFiles(Home.CacheFolder(), "*.token") : [];
}
