using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;
using Ibmtp.Credentials;
using Ibmtp.Hosts;
using Ibmtp.Iam;
using Ibmtp.Keystores;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Sessions;
using Ibmtp.Testing.Keystores;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Ibmtp.Tests.Credentials;

/// <summary>
/// A person's sign-in session answers a get with the trusted profile's token: from the cache while it
/// has 15 minutes left, else renewed once, its new refresh token saved before the profile is assumed;
/// a session IAM no longer accepts is removed, and the get says whose it was, why it ended and what to run.
/// </summary>
[TestFixture]
public sealed class PersonSessionSourceTests : TempHomeFixture
{
    private static readonly DateTimeOffset SignedIn = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly RegistryHost Host = RegistryHost.TryParse("us.icr.io", out var host) ? host : default;
    private static readonly TrustedProfile Profile = new(TrustedProfileKind.Id, "Profile-5b1c3e2a-0000-4d6e-9f00-0123456789ab");
    private const string Person = "Jane Doe (IBMid-2700001AB2)";
    private const string FirstRefreshToken = "RefreshToken-first-6f1e2d3c4b5a";
    private const string SecondRefreshToken = "RefreshToken-second-9a8b7c6d5e4f";

    private FakeTimeProvider _clock = null!;
    private Mock<IPersonIam> _iam = null!;
    private InMemoryKeystore _keystore = null!;
    private List<string> _steps = null!;
    private List<string> _warnings = null!;
    private int _renewals;

    [SetUp]
    public void Start()
    {
        _clock = new FakeTimeProvider(SignedIn);
        _iam = new Mock<IPersonIam>(MockBehavior.Strict);
        _iam.Setup(iam => iam.Dispose());
        _keystore = new InMemoryKeystore();
        _keystore.BeforeSave = _ => _steps.Add("save " + Saved()?.RefreshToken.Value);
        _steps = [];
        _warnings = [];
        _renewals = 0;
        IamRenews();
        IamAssumes();
    }

    private static PersonSession Session(string refreshToken = FirstRefreshToken, bool actsAsProfile = false) =>
        new(new Secret(refreshToken), "session-7d1f", new Uri("https://iam.test.example/"), actsAsProfile ? null : Profile, "account-1",
            "Jane Doe", "IBMid-2700001AB2", SignedIn, SignedIn, actsAsProfile);

    private SessionStore Store(IKeystore? keystore = null) => new(new Lazy<IKeystore>(keystore ?? _keystore));

    private PersonSession? Saved() => _keystore.Logins.ContainsKey(SessionStore.Key.ToString()) ? Store().Find() : null;

    private FileTokenCache Cache(TimeProvider? time = null) => new(() => Home.Paths.CacheFolder, time ?? _clock, HelperLog.Silent());

    private PersonSessionSource Source(ITokenCache? cache = null, IKeystore? keystore = null, TimeProvider? time = null, UntracedLogger? log = null) =>
        new(Store(keystore), cache ?? Cache(time), _ => _iam.Object, TimeSpan.FromSeconds(30), time ?? _clock, log ?? HelperLog.Silent(), _warnings.Add);

    private IamToken Token(string value, TimeProvider? time = null) =>
        new(new Secret(value), (time ?? _clock).GetUtcNow(), (time ?? _clock).GetUtcNow().AddHours(1));

    /// <summary>Each refresh hands out the person's next access token and, with it, <see cref="SecondRefreshToken"/>.</summary>
    private void IamRenews(TimeProvider? time = null) =>
        _iam.Setup(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>()))
            .ReturnsAsync((Secret refreshToken, Deadline _) =>
            {
                var renewal = Interlocked.Increment(ref _renewals);
                _steps.Add("refresh " + refreshToken.Value);
                return new PersonTokens(Token($"person-token-{renewal}", time), new Secret(SecondRefreshToken), "session-7d1f");
            });

    private void IamAssumes() =>
        _iam.Setup(iam => iam.AssumeProfileAsPersonAsync(It.IsAny<IamToken>(), It.IsAny<TrustedProfile>(), It.IsAny<Deadline>()))
            .ReturnsAsync((IamToken person, TrustedProfile _, Deadline _) =>
            {
                _steps.Add("assume, session saved with " + Saved()?.RefreshToken.Value);
                return Token("profile-token-for-" + person.AccessToken.Value);
            });

    [Test]
    public void Without_a_session_there_is_no_login_and_IAM_is_never_asked()
    {
        Assert.That(Source().Find(Host), Is.Null);
        _iam.Verify(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>()), Times.Never);
    }

    [Test]
    public void A_session_answers_iambearer_with_the_trusted_profiles_token_assumed_for_the_persons_renewed_token()
    {
        Store().Save(Session());

        var login = Source().Find(Host);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(login?.Username, Is.EqualTo("iambearer"));
            Assert.That(login?.Secret.Value, Is.EqualTo("profile-token-for-person-token-1"));
            Assert.That(login?.Origin, Is.EqualTo(PersonSessionSource.Origin));
            Assert.That(login?.ExpiresAt, Is.EqualTo(SignedIn.AddHours(1)));
        }
        _iam.Verify(iam => iam.AssumeProfileAsPersonAsync(It.Is<IamToken>(t => t.AccessToken.Value == "person-token-1"), Profile, It.IsAny<Deadline>()), Times.Once);
    }

    [Test]
    public void The_cached_token_is_served_while_at_least_15_minutes_of_it_are_left_and_renewed_after()
    {
        Store().Save(Session());
        Source().Find(Host);

        _clock.Advance(TimeSpan.FromMinutes(45));
        var stillCached = Source().Find(Host);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = Source().Find(Host);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stillCached?.Secret.Value, Is.EqualTo("profile-token-for-person-token-1"), "15 minutes left");
            Assert.That(renewed?.Secret.Value, Is.EqualTo("profile-token-for-person-token-2"), "less than 15 minutes left");
            Assert.That(_renewals, Is.EqualTo(2));
        }
    }

    [Test]
    public void A_renewal_saves_the_new_refresh_token_before_the_profile_is_assumed()
    {
        Store().Save(Session());
        _steps.Clear();
        _clock.Advance(TimeSpan.FromMinutes(10));

        Source().Find(Host);

        Assert.That(_steps, Is.EqualTo(new[]
        {
            $"refresh {FirstRefreshToken}",
            $"save {FirstRefreshToken}",
            $"assume, session saved with {SecondRefreshToken}",
        }));
        Assert.That(Saved()?.RenewedAt, Is.EqualTo(SignedIn.AddMinutes(10)));
        Assert.That(Saved() with { RefreshToken = new Secret(FirstRefreshToken), RenewedAt = SignedIn }, Is.EqualTo(Session()), "nothing else of the session changes");
    }

    [Test]
    public void A_renewal_by_another_process_meanwhile_is_picked_up_its_refresh_token_used_and_the_old_one_never()
    {
        Store().Save(Session());
        var readFirst = true;
        _keystore.OnFind = (_, stored) =>
        {
            if (!readFirst)
                return stored;
            // Another helper renews the session just after this one read it.
            readFirst = false;
            _keystore.Logins[SessionStore.Key.ToString()] = new StoredLogin(Session().PersonIamId, new Secret(SessionDocument.Serialize(Session("RefreshToken-other-process"))));
            return stored;
        };

        Source().Find(Host);

        Assert.That(_steps.Where(step => step.StartsWith("refresh", StringComparison.Ordinal)), Is.EqualTo(new[] { "refresh RefreshToken-other-process" }));
    }

    [Test]
    public void A_profile_token_another_process_cached_meanwhile_is_used_without_asking_IAM()
    {
        Store().Save(Session());
        var readFirst = true;
        _keystore.OnFind = (_, stored) =>
        {
            if (readFirst)
            {
                readFirst = false;
                var otherProcess = Cache();
                using var deadline = new Deadline(TimeSpan.FromSeconds(5), _clock);
                otherProcess.RefreshAsync(TokenService.CacheKey(Session().CacheIdentity), () => Task.FromResult(Token("profile-token-of-the-other-process")), deadline, _ => { }).GetAwaiter().GetResult();
            }
            return stored;
        };

        var login = Source().Find(Host);

        Assert.That(login?.Secret.Value, Is.EqualTo("profile-token-of-the-other-process"));
        Assert.That(_renewals, Is.Zero);
    }

    [Test]
    public void Parallel_gets_renew_the_session_once()
    {
        var time = TimeProvider.System;
        Home.Keystore().Save(SessionStore.Key, new StoredLogin(Session().PersonIamId, new Secret(SessionDocument.Serialize(Session()))));
        IamRenews(time);
        _iam.Setup(iam => iam.AssumeProfileAsPersonAsync(It.IsAny<IamToken>(), It.IsAny<TrustedProfile>(), It.IsAny<Deadline>()))
            .Returns(async (IamToken person, TrustedProfile _, Deadline _) =>
            {
                await Task.Delay(100);
                return Token("profile-token-for-" + person.AccessToken.Value, time);
            });

        // Each helper process opens its own keystore and cache on the same files.
        var answers = Enumerable.Range(0, 6)
            .Select(_ => Task.Run(() => Source(keystore: Home.Keystore(), time: time).Find(Host)?.Secret.Value))
            .ToArray();
        Task.WaitAll(answers);

        Assert.That(_renewals, Is.EqualTo(1));
        Assert.That(answers.Select(answer => answer.Result), Has.All.EqualTo("profile-token-for-person-token-1"));
        Assert.That(Store(Home.Keystore()).Find()?.RefreshToken.Value, Is.EqualTo(SecondRefreshToken));
    }

    [Test]
    public void A_session_that_already_acts_as_a_profile_is_never_assumed_again()
    {
        Store().Save(Session(actsAsProfile: true));

        var login = Source().Find(Host);

        Assert.That(login?.Secret.Value, Is.EqualTo("person-token-1"));
        _iam.Verify(iam => iam.AssumeProfileAsPersonAsync(It.IsAny<IamToken>(), It.IsAny<TrustedProfile>(), It.IsAny<Deadline>()), Times.Never);
    }

    [Test]
    public void A_session_IAM_ended_is_removed_with_its_cached_token_and_the_get_says_who_why_and_what_to_run()
    {
        Store().Save(Session());
        var cache = Cache();
        Source(cache).Find(Host);
        _clock.Advance(TimeSpan.FromMinutes(50));
        _iam.Setup(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>()))
            .ThrowsAsync(new SessionEndedException("IAM rejected the refresh_token grant (HTTP 400): BXNIM0408E ...", "the session's refresh token expired"));

        var error = Assert.Throws<HelperException>(() => Source(cache).Find(Host));

        Assert.That(error.Message, Is.EqualTo(
            $"{Person} was signed in, but the session has ended: the session's refresh token expired; run docker-credential-ibmtp login"));
        Assert.That(_keystore.Logins, Is.Empty, "the session is removed");
        Assert.That(cache.Peek(TokenService.CacheKey(Session().CacheIdentity)), Is.Null, "its cached token is forgotten");
        Assert.That(cache.Peek(PersonSessionSource.SignedInTokenKey), Is.Null, "and the signed-in person's");
    }

    [Test]
    public void A_fresh_token_of_the_signed_in_person_answers_without_reading_the_keystore()
    {
        Store().Save(Session());
        var cache = Cache();
        var first = Source(cache).Find(Host);
        var unreadable = new Mock<IKeystore>(MockBehavior.Strict);

        var again = Source(cache, unreadable.Object).Find(Host);

        Assert.That(again?.Secret.Value, Is.EqualTo(first?.Secret.Value));
        unreadable.VerifyNoOtherCalls();
    }

    [Test]
    public void Signing_out_forgets_the_signed_in_persons_token_so_get_reads_the_keystore_again()
    {
        Store().Save(Session());
        var cache = Cache();
        Source(cache).Find(Host);

        Source(cache).Forget(Session());
        Store().Remove();

        Assert.That(Source(cache).Find(Host), Is.Null);
    }

    [Test]
    public void A_profile_that_no_longer_trusts_the_person_ends_the_session_too()
    {
        Store().Save(Session());
        _iam.Setup(iam => iam.AssumeProfileAsPersonAsync(It.IsAny<IamToken>(), It.IsAny<TrustedProfile>(), It.IsAny<Deadline>()))
            .ThrowsAsync(new SessionEndedException("IAM rejected the assume grant (HTTP 400): BXNIM0398E ...", $"the trusted profile {Profile} does not trust you (any more)"));

        var error = Assert.Throws<HelperException>(() => Source().Find(Host));

        Assert.That(error.Message, Is.EqualTo(
            $"{Person} was signed in, but the session has ended: the trusted profile {Profile} does not trust you (any more); run docker-credential-ibmtp login"));
        Assert.That(_keystore.Logins, Is.Empty);
    }

    [Test]
    public void An_IAM_that_cannot_be_reached_keeps_the_session()
    {
        Store().Save(Session());
        _iam.Setup(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>())).ThrowsAsync(new IamUnavailableException("IAM at https://iam.test.example/ did not answer"));

        Assert.Throws<IamUnavailableException>(() => Source().Find(Host));

        Assert.That(Saved(), Is.EqualTo(Session()));
    }

    [Test]
    public void A_session_removed_by_another_process_while_this_one_waited_is_not_renewed()
    {
        Store().Save(Session());
        var readFirst = true;
        _keystore.OnFind = (_, stored) =>
        {
            if (readFirst)
            {
                readFirst = false;
                _keystore.Logins.Clear();
            }
            return stored;
        };

        var error = Assert.Throws<HelperException>(() => Source().Find(Host));

        Assert.That(error.Message, Does.StartWith($"the sign-in session of {Person} was removed while this call waited"));
        Assert.That(_renewals, Is.Zero);
    }

    [Test]
    public void No_secret_reaches_a_message_or_the_log()
    {
        Home.Variables[SettingsTable.LogLevel.Variable] = "debug";
        var stateFolder = Home.Paths.StateFolder;
        using (var log = HelperLog.Create(LogLevel.Debug, stateFolder))
        {
            Store().Save(Session());
            Source(log: log).Find(Host);
            _clock.Advance(TimeSpan.FromMinutes(50));
            Source(log: log).Find(Host);
            _iam.Setup(iam => iam.RefreshAsync(It.IsAny<Secret>(), It.IsAny<Deadline>()))
                .ThrowsAsync(new SessionEndedException($"IAM rejected the refresh_token grant: {SecondRefreshToken}", "the session's refresh token expired"));
            _clock.Advance(TimeSpan.FromMinutes(50));
            var error = Assert.Throws<HelperException>(() => Source(log: log).Find(Host));
            Assert.That(error.Message, Does.Not.Contain("RefreshToken-").And.Not.Contain("token-1").And.Not.Contain("token-2"));
        }

        Assert.That(TempHome.FilesUnder(stateFolder), Is.Not.Empty, "a log was written");
        using (Assert.EnterMultipleScope())
        {
            foreach (var secret in new[] { FirstRefreshToken, SecondRefreshToken, "person-token-1", "person-token-2", "profile-token-for-person-token-1" })
                Assert.That(SecretForms.FilesHolding(stateFolder, secret), Is.Empty, secret);
        }
    }

    [Test]
    public void A_token_handed_out_for_a_session_is_never_kept_as_a_login()
    {
        var source = Source();
        Assert.That(source.Supplies(Host, "iambearer", new Secret("any-token")), Is.False, "no session");

        Store().Save(Session());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(source.Supplies(Host, "iambearer", new Secret("any-token")), Is.True);
            Assert.That(source.Supplies(Host, "Profile-1", new Secret("any-token")), Is.False);
        }
    }
}
