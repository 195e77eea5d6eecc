using Ibmtp.Emulators;
using Ibmtp.Sessions;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Base of the fixtures where a person signs in with the published helper's <c>login --passcode-stdin</c> and
/// then uses the session: <see cref="Person"/> is trusted directly by the builder profile, which the helper is
/// told to act as, and every knob of the emulator's sessions is back to IAM's defaults before each test.
/// </summary>
public abstract class PersonSessionFixture : IamEmulatorFixture
{
    /// <summary>The line every get fails with once IAM no longer accepts the session.</summary>
    public const string LogInAgain = "run docker-credential-ibmtp login";

    /// <summary>A get ahead of this point of a one-hour token renews it: under 15 minutes would be left.</summary>
    protected static readonly TimeSpan PastRenewal = TimeSpan.FromMinutes(50);

    /// <summary>A one-hour token this old has expired.</summary>
    protected static readonly TimeSpan PastExpiry = TimeSpan.FromMinutes(70);

    protected abstract Person Person { get; }

    [SetUp]
    public void TrustThePersonAsTheBuilder()
    {
        Iam.SessionPolicy = SessionPolicy.Default;
        Iam.SingleUseRefreshTokens = false;
        Iam.AddPerson(Person);
        Iam.TrustPeople(IamWorld.Builder.Id, Person.IamId);
        Set(("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
    }

    [TearDown]
    public void RestoreTheSessions()
    {
        Iam.SessionPolicy = SessionPolicy.Default;
        Iam.SingleUseRefreshTokens = false;
        Iam.TrustPeople(IamWorld.Builder.Id, Person.IamId);
    }

    /// <summary>
    /// <c>login --passcode-stdin</c> with a new passcode of <see cref="Person"/>, which must succeed; returns the
    /// passcode, for a test to look for it where it may not be.
    /// </summary>
    protected async Task<string> LoginAsync()
    {
        var passcode = Iam.IssuePasscode(Person.IamId);
        var login = await Helper.RunWithInputAsync(passcode + "\n", "login", "--passcode-stdin");
        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        Assert.That(login.StandardOutput, Does.Contain($"signed in as {Person.Name} ({Person.IamId})"), login.ToString());
        return passcode;
    }

    /// <summary>
    /// <paramref name="ahead"/> into the test for both sides: the emulator's clock moves there, and the cached
    /// tokens are made as old, so the helper, on the real clock, judges them as IAM does.
    /// </summary>
    protected void AgeTo(TimeSpan ahead)
    {
        CachedTokens.AgeTo(Home, ahead);
        Iam.ClockAhead = ahead;
    }

    /// <summary>Checks <paramref name="token"/> is a live token of the builder profile, issued in <paramref name="session"/>, with more than 15 minutes left on IAM's clock.</summary>
    protected void AssertLiveProfileToken(string token, PersonSession session, string context = "")
    {
        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id), context);
        Assert.That(EmulatorToken.Claims(token)["authn"]?["iam_id"]?.GetValue<string>(), Is.EqualTo(Person.IamId), $"{context}: the token acts for the person");
        Assert.That(Iam.AccessTokensIssuedIn(session.SessionId), Does.Contain(token), $"{context}: the token was issued in the kept session");
        Assert.That(EmulatorToken.ExpiresAt(token) - Iam.UtcNow, Is.GreaterThan(TimeSpan.FromMinutes(15)), $"{context}: a token handed out has time to spare");
    }

    /// <summary>Checks <paramref name="get"/> failed in the protocol's one line naming the person, saying <paramref name="why"/>, and ending with what to run.</summary>
    protected string AssertSessionEnded(ProcessResult get, string why)
    {
        var line = HelperOutput.AssertOneLineFailure(get);
        Assert.That(line, Does.StartWith($"{Person.Name} ({Person.IamId}) was signed in, but the session has ended: "), get.ToString());
        Assert.That(line, Does.Contain(why), get.ToString());
        Assert.That(line, Does.EndWith(LogInAgain), get.ToString());
        return line;
    }
}
