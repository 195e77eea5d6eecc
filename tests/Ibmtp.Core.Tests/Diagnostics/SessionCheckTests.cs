using Ibmtp.CloudIdentity;
using Ibmtp.Diagnostics;
using Ibmtp.Iam;
using Ibmtp.Keystores;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Sessions;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>
/// The sign-in session in <c>doctor</c>: asked when the environment gives no credentials and before the
/// keystore's logins, as <c>get</c> asks it; who signed in and as which profile, when, the cached token's
/// life, the limits IAM reported, and one real renewal whose new refresh token is saved as <c>get</c> saves it.
/// </summary>
[TestFixture]
public sealed class SessionCheckTests : CheckFixture
{
    private static readonly DateTimeOffset SignedIn = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = SignedIn.AddHours(2).AddMinutes(5);
    private static readonly TrustedProfile Profile = new(TrustedProfileKind.Id, "Profile-5b1c3e2a-0000-4d6e-9f00-0123456789ab");
    private const string Person = "Jane Doe (IBMid-2700001AB2)";
    private const string FirstRefreshToken = "RefreshToken-first-6f1e2d3c4b5a";
    private const string SecondRefreshToken = "RefreshToken-second-9a8b7c6d5e4f";

    private Mock<IPersonIam> _iam = null!;

    [SetUp]
    public void Start()
    {
        Time = new FakeTimeProvider(Now);
        // Every IAM call goes to the fake; should one not, it goes nowhere and soon gives up.
        Home.Variables["IBMTP_IAM_URL"] = "http://127.0.0.1:1";
        Home.Variables["IBMTP_TIMEOUT"] = "1";
        _iam = new Mock<IPersonIam>(MockBehavior.Strict);
        _iam.Setup(iam => iam.Dispose());
        _iam.Setup(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>()))
            .ReturnsAsync(new PersonTokens(Token("person-token-renewed"), new Secret(SecondRefreshToken), "session-7d1f"));
        _iam.Setup(iam => iam.AssumeProfileAsPersonAsync(It.IsAny<IamToken>(), It.IsAny<TrustedProfile>(), It.IsAny<Deadline>()))
            .ReturnsAsync(Token("profile-token-renewed"));
    }

    private static PersonSession Session(bool actsAsProfile = false, DateTimeOffset? endsAt = null) =>
        new(new Secret(FirstRefreshToken), "session-7d1f", new Uri("https://iam.test.example/"), actsAsProfile ? null : Profile, "account-1",
            "Jane Doe", "IBMid-2700001AB2", SignedIn, SignedIn.AddHours(1).AddMinutes(45), actsAsProfile, endsAt);

    private static IamToken Token(string value) => new(new Secret(value), Now, Now.AddHours(1));

    private (bool Passed, IReadOnlyList<Fact> Facts) Run()
    {
        var facts = new FactSheet();
        var passed = new CredentialsCheck(Context, Services, _ => _iam.Object).Run(Registry.Host("us.icr.io"), facts);
        return (passed, facts.Facts);
    }

    /// <summary>The facts after the host's mode and profile.</summary>
    private static IEnumerable<Fact> AfterModeAndProfile(IReadOnlyList<Fact> facts) => facts.Skip(2);

    private static string ValueOf(IReadOnlyList<Fact> facts, string name) => facts.Single(fact => fact.Name == name).Value;

    private void Refuses(string reason) =>
        _iam.Setup(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>()))
            .ThrowsAsync(new SessionEndedException("IAM rejected the refresh_token grant (HTTP 400): BXNIM0408E ...", reason));

    [Test]
    public void Without_credentials_in_the_environment_the_signed_in_persons_session_is_gets_and_each_of_its_facts_is_shown()
    {
        Services.Sessions.Save(Session());

        var (passed, facts) = Run();

        Assert.That(AfterModeAndProfile(facts), Is.EqualTo(new[]
        {
            new Fact("credentials", "the sign-in session kept in the keystore (from docker-credential-ibmtp login), traded with IAM for a token"),
            new Fact("session", $"{Person} in account account-1, as the trusted profile {Profile}"),
            new Fact("session signed in", "2026-12-07 09:00:00Z (2h05m ago)"),
            new Fact("session last renewal", "2026-12-07 10:45:00Z (20m00s ago)"),
            new Fact("session token", "no cached token"),
            new Fact("session limits", "not reported by IAM"),
            new Fact("session renewal", $"ok: IAM renewed the session (its new refresh token is saved) and the trusted profile {Profile} was assumed: its token is valid for 1h00m"),
        }));
        Assert.That(passed, Is.True);
    }

    [Test]
    public void The_renewal_is_one_real_exchange_even_while_the_cached_token_is_fresh_and_its_new_refresh_token_is_saved_as_get_saves_it()
    {
        var session = Session();
        Services.Sessions.Save(session);
        var cached = new IamToken(new Secret("profile-token-cached"), Now.AddMinutes(-10), Now.AddMinutes(50));
        using (var deadline = new Deadline(TimeSpan.FromSeconds(5), Time))
            Services.TokenCache.RefreshAsync(TokenService.CacheKey(session.CacheIdentity), () => Task.FromResult(cached), deadline, _ => { }).GetAwaiter().GetResult();

        var (passed, facts) = Run();

        Assert.That(ValueOf(facts, "session token"), Is.EqualTo("valid for 50m00s, renewed after 35m00s"));
        _iam.Verify(iam => iam.RefreshAsync(new Secret(FirstRefreshToken), It.IsAny<Deadline>()), Times.Once);
        _iam.Verify(iam => iam.AssumeProfileAsPersonAsync(It.Is<IamToken>(token => token.AccessToken.Value == "person-token-renewed"), Profile, It.IsAny<Deadline>()), Times.Once);
        Assert.That(Home.Keystore().Find(SessionStore.Key) is { } kept ? SessionDocument.Parse(kept.Secret.Value) : null,
            Is.EqualTo(session with { RefreshToken = new Secret(SecondRefreshToken), RenewedAt = Now }), "the new refresh token and the renewal's time are kept, nothing else changes");
        Assert.That(passed, Is.True);
    }

    [Test]
    public void A_session_that_acts_as_a_profile_names_the_profile_chosen_on_the_passcode_page_and_is_renewed_without_assuming()
    {
        Services.Sessions.Save(Session(actsAsProfile: true));

        var (passed, facts) = Run();

        Assert.That(ValueOf(facts, "session"), Is.EqualTo($"{Person} in account account-1, as the profile chosen on the passcode page"));
        Assert.That(ValueOf(facts, "session renewal"), Is.EqualTo("ok: IAM renewed the session (its new refresh token is saved); its token acts as the profile and is valid for 1h00m"));
        _iam.Verify(iam => iam.AssumeProfileAsPersonAsync(It.IsAny<IamToken>(), It.IsAny<TrustedProfile>(), It.IsAny<Deadline>()), Times.Never);
        Assert.That(passed, Is.True);
    }

    [Test]
    public void The_session_limit_IAM_reported_is_shown_with_the_time_left()
    {
        Services.Sessions.Save(Session(endsAt: SignedIn.AddDays(1)));

        Assert.That(ValueOf(Run().Facts, "session limits"), Is.EqualTo("IAM ends the session by 2026-12-08 09:00:00Z (in 21h55m)"));
    }

    [Test]
    public void A_session_IAM_refuses_to_renew_is_the_problem_with_the_reason_and_what_to_run_and_it_is_removed_as_get_removes_it()
    {
        Services.Sessions.Save(Session());
        Refuses("the session's refresh token expired");

        var (passed, facts) = Run();

        Assert.That(facts[^1], Is.EqualTo(new Fact("session renewal",
            $"{Person} was signed in, but the session has ended: the session's refresh token expired; run docker-credential-ibmtp login", Problem: true)));
        Assert.That(Home.Keystore().Find(SessionStore.Key), Is.Null);
        Assert.That(passed, Is.False);
    }

    [Test]
    public void An_IAM_that_cannot_be_reached_is_the_problem_and_the_session_is_kept()
    {
        Services.Sessions.Save(Session());
        _iam.Setup(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>()))
            .ThrowsAsync(new IamUnavailableException("IAM at https://iam.test.example/ did not answer"));

        var (passed, facts) = Run();

        Assert.That(facts[^1], Is.EqualTo(new Fact("session renewal", "IAM at https://iam.test.example/ did not answer", Problem: true)));
        Assert.That(Services.Sessions.Find(), Is.EqualTo(Session()));
        Assert.That(passed, Is.False);
    }

    [Test]
    public void A_damaged_session_entry_is_the_problem_with_its_one_line_message_and_IAM_is_never_asked()
    {
        Home.Keystore().Save(SessionStore.Key, new StoredLogin("IBMid-2700001AB2", new Secret("{not a session")));

        var (passed, facts) = Run();

        Assert.That(facts[^1].Name, Is.EqualTo("session"));
        Assert.That(facts[^1].Value, Does.StartWith("the sign-in session kept in the keystore is damaged (").And.EndWith("); run docker-credential-ibmtp login to sign in again"));
        Assert.That(facts[^1].Problem, Is.True);
        _iam.Verify(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>()), Times.Never);
        Assert.That(passed, Is.False);
    }

    [Test]
    public void With_no_one_signed_in_a_keystore_login_is_gets_and_the_missing_session_is_no_problem()
    {
        Home.Keystore().Save(Registry.Host("us.icr.io"), new StoredLogin("iamapikey", new Secret("saved-key-0c1d")));

        var (passed, facts) = Run();

        Assert.That(AfterModeAndProfile(facts), Is.EqualTo(new[]
        {
            new Fact("session", "no one is signed in (docker-credential-ibmtp login)"),
            new Fact("credentials", "keystore entry for us.icr.io, user iamapikey (from docker, podman, buildah or skopeo login)"),
        }));
        Assert.That(passed, Is.True);
    }

    [Test]
    public void A_session_shadows_a_keystore_login_as_it_does_for_get()
    {
        Services.Sessions.Save(Session());
        Home.Keystore().Save(Registry.Host("us.icr.io"), new StoredLogin("iamapikey", new Secret("saved-key-0c1d")));

        var (_, facts) = Run();

        Assert.That(facts.Where(fact => fact.Name == "credentials").Select(fact => fact.Value), Is.EqualTo(new[]
        {
            "the sign-in session kept in the keystore (from docker-credential-ibmtp login), traded with IAM for a token",
        }));
    }

    [Test]
    public void The_environments_credentials_come_first_and_the_session_is_neither_shown_nor_renewed()
    {
        Services.Sessions.Save(Session());
        Home.Variables["IBMTP_API_KEY"] = "session-check-key-5e7a10";

        var (_, facts) = Run();

        Assert.That(facts.Select(fact => fact.Name), Has.None.StartsWith("session"));
        _iam.Verify(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>()), Times.Never);
    }

    [Test]
    public void No_fact_holds_a_refresh_token_or_an_access_token()
    {
        var session = Session();
        Services.Sessions.Save(session);
        var cached = new IamToken(new Secret("profile-token-cached"), Now.AddMinutes(-10), Now.AddMinutes(50));
        using (var deadline = new Deadline(TimeSpan.FromSeconds(5), Time))
            Services.TokenCache.RefreshAsync(TokenService.CacheKey(session.CacheIdentity), () => Task.FromResult(cached), deadline, _ => { }).GetAwaiter().GetResult();

        var shown = string.Join("\n", Run().Facts.Select(fact => fact.Value));
        Refuses($"IAM said {SecondRefreshToken}");
        Services.Sessions.Save(session);
        shown += string.Join("\n", Run().Facts.Select(fact => fact.Value));

        foreach (var secret in new[] { FirstRefreshToken, SecondRefreshToken, "profile-token-cached", "person-token-renewed", "profile-token-renewed" })
            Assert.That(shown, Does.Not.Contain(secret), secret);
    }
}
