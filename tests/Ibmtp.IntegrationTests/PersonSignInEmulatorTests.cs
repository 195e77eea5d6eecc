using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The IAM emulator signs people in as issue 23 describes IAM: discovery names the passcode page, the page shows a
/// single-use passcode, the passcode grant begins a session that the refresh grant continues within the account's
/// session policy, and the assume grant takes a person's token for a profile that trusts the person.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class PersonSignInEmulatorTests
{
    private const string AccountId = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6";
    private const string ProfileId = "Profile-5c1e0000-0000-4000-8000-000000000001";
    private const string OtherProfileId = "Profile-5c1e0000-0000-4000-8000-000000000002";
    private const string Realm = "https://idp.example.test/saml";

    private static readonly Person Ada = new("IBMid-270000ADA1", "Ada Lovelace", "ada@example.test", AccountId, "analytical engine");

    private static readonly Person Grace = new("IBMid-270000GRC2", "Grace Hopper", "grace@example.test", AccountId, "cobol")
    {
        Realm = Realm,
        SamlAttributes = new Dictionary<string, string> { ["department"] = "registry", ["role"] = "developer" },
    };

    private static readonly FederatedTrustRule RegistryDevelopers =
        new("registry-developers", Realm, new Dictionary<string, string> { ["department"] = "registry" }, TimeSpan.FromMinutes(10));

    private IamEmulator iam = null!;
    private IamSignIn client = null!;

    [SetUp]
    public async Task StartEmulatorAsync()
    {
        iam = await IamEmulator.StartAsync();
        iam.AddPerson(Ada);
        iam.AddPerson(Grace);
        iam.AddTrustedProfile(ProfileId, "crn:v1:bluemix:public:iam-identity::a/" + AccountId + "::profile:" + ProfileId, "registry-pull", AccountId);
        iam.AddTrustedProfile(OtherProfileId, "crn:v1:bluemix:public:iam-identity::a/" + AccountId + "::profile:" + OtherProfileId, "other", AccountId);
        client = new IamSignIn(iam.BaseUrl);
    }

    [TearDown]
    public async Task StopEmulatorAsync()
    {
        client.Dispose();
        await iam.DisposeAsync();
    }

    [Test]
    public async Task Discovery_names_the_passcode_page_and_the_token_endpoint_on_the_emulator_s_own_address()
    {
        var discovery = await client.DiscoverAsync();

        Assert.That(discovery.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(discovery["passcode_endpoint"], Is.EqualTo(iam.PasscodePageUrl.ToString()));
        Assert.That(discovery["token_endpoint"], Is.EqualTo(new Uri(iam.BaseUrl, "identity/token").ToString()));
        Assert.That(discovery["authorization_endpoint"], Does.StartWith(iam.BaseUrl + "identity/"));
        Assert.That(discovery["issuer"], Is.EqualTo(iam.BaseUrl + "identity"));
    }

    [Test]
    public async Task The_passcode_page_shows_a_form_and_a_passcode_only_for_the_right_password()
    {
        using var http = new HttpClient();
        var form = await http.GetStringAsync(iam.PasscodePageUrl);
        Assert.That(form, Does.Contain("<form method=\"post\"").And.Contain("name=\"username\"").And.Contain("name=\"password\""));

        var (refused, refusal) = await client.SubmitPasscodePageAsync(Ada.Email, "difference engine");
        Assert.That(refused, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refusal, Does.Not.Contain("id=\"passcode\""));
        Assert.That(iam.PasscodesIssued, Is.Zero);

        var passcode = await PasscodeFromPageAsync(Ada);
        var signedIn = await client.SignInAsync(passcode);

        var claims = EmulatorToken.Claims(signedIn.AccessToken);
        Assert.That(claims["iam_id"]!.ToString(), Is.EqualTo(Ada.IamId));
        Assert.That(claims["sub"]!.ToString(), Is.EqualTo(Ada.Email));
        Assert.That(claims["sub_type"]!.ToString(), Is.EqualTo("user"));
        Assert.That(claims["name"]!.ToString(), Is.EqualTo(Ada.Name));
        Assert.That(claims["email"]!.ToString(), Is.EqualTo(Ada.Email));
        Assert.That(claims["account"]!["bss"]!.ToString(), Is.EqualTo(AccountId));
        Assert.That(signedIn.RefreshToken, Is.Not.Empty.And.Not.EqualTo("not_supported"));
        Assert.That(signedIn.SessionId, Is.Not.Empty);
        Assert.That(signedIn["token_type"], Is.EqualTo("Bearer"));
        Assert.That(signedIn.ExpiresIn, Is.EqualTo(3600));
        Assert.That(signedIn.Body["expiration"]!.GetValue<long>(), Is.EqualTo(EmulatorToken.ExpiresAt(signedIn.AccessToken).ToUnixTimeSeconds()));
        Assert.That(signedIn["scope"], Is.Not.Empty);
    }

    [Test]
    public async Task A_passcode_signs_in_once()
    {
        var passcode = iam.IssuePasscode(Ada.IamId);
        await client.SignInAsync(passcode);

        var again = await client.PasscodeGrantAsync(passcode);

        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.BadRequest), again.ToString());
        Assert.That(again.ErrorCode, Is.EqualTo("BXNIM0407E"));
        Assert.That(iam.RequestCount(GrantTypes.Passcode), Is.EqualTo(2));
    }

    [Test]
    public async Task A_passcode_expires_after_its_lifetime_on_the_emulator_s_clock()
    {
        iam.PasscodeLifetime = TimeSpan.FromMinutes(2);
        var lastMoment = iam.IssuePasscode(Ada.IamId);
        var tooLate = iam.IssuePasscode(Ada.IamId);

        iam.ClockAhead = TimeSpan.FromSeconds(110);
        await client.SignInAsync(lastMoment);
        iam.ClockAhead = TimeSpan.FromMinutes(2);
        var expired = await client.PasscodeGrantAsync(tooLate);

        Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.BadRequest), expired.ToString());
        Assert.That(expired.ErrorCode, Is.EqualTo("BXNIM0407E"));
    }

    [TestCase(null)]
    [TestCase("bx:wrong")]
    [TestCase("cf:")]
    public async Task The_passcode_and_refresh_grants_need_the_public_client_bx_bx(string? credentials)
    {
        var client = credentials is null ? null : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes(credentials)));
        var passcode = iam.IssuePasscode(Ada.IamId);

        var passcodeGrant = credentials is null
            ? await this.client.PostTokenAsync(new() { ["grant_type"] = GrantTypes.Passcode, ["passcode"] = passcode, ["response_type"] = "cloud_iam" }, client: null)
            : await this.client.PasscodeGrantAsync(passcode, client: client);
        Assert.That(passcodeGrant.Status, Is.EqualTo(HttpStatusCode.Unauthorized), passcodeGrant.ToString());
        Assert.That(passcodeGrant.ErrorCode, Is.EqualTo("BXNIM0308E"));

        var signedIn = await this.client.SignInAsync(passcode);
        var refresh = credentials is null
            ? await this.client.PostTokenAsync(new() { ["grant_type"] = GrantTypes.RefreshToken, ["refresh_token"] = signedIn.RefreshToken }, client: null)
            : await this.client.RefreshGrantAsync(signedIn.RefreshToken, client);
        Assert.That(refresh.Status, Is.EqualTo(HttpStatusCode.Unauthorized), refresh.ToString());
        Assert.That(refresh.ErrorCode, Is.EqualTo("BXNIM0308E"));
    }

    [Test]
    public async Task The_assume_grant_still_refuses_any_Authorization_header()
    {
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));
        iam.TrustPeople(ProfileId, Ada.IamId);

        var assumed = await client.PostTokenAsync(
            new() { ["grant_type"] = GrantTypes.Assume, ["access_token"] = signedIn.AccessToken, ["profile_id"] = ProfileId }, IamSignIn.PublicClient);

        Assert.That(assumed.Status, Is.EqualTo(HttpStatusCode.BadRequest), assumed.ToString());
        Assert.That(assumed.ErrorCode, Is.EqualTo("BXNIM0109E"));
    }

    [Test]
    public async Task Each_refresh_gives_new_tokens_in_the_same_session_and_old_refresh_tokens_stay_good_by_default()
    {
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));

        var first = await client.RefreshGrantAsync(signedIn.RefreshToken);
        var second = await client.RefreshGrantAsync(signedIn.RefreshToken);

        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.ToString());
        Assert.That(new[] { signedIn.RefreshToken, first.RefreshToken, second.RefreshToken }, Is.Unique, "refresh tokens rotate");
        Assert.That(new[] { signedIn.AccessToken, first.AccessToken, second.AccessToken }, Is.Unique);
        Assert.That(new[] { first.SessionId, second.SessionId }, Is.All.EqualTo(signedIn.SessionId));
        Assert.That(EmulatorToken.Claims(second.AccessToken)["iam_id"]!.ToString(), Is.EqualTo(Ada.IamId));
        Assert.That(iam.RequestCount(GrantTypes.RefreshToken), Is.EqualTo(2));
    }

    [Test]
    public async Task With_single_use_refresh_tokens_a_used_refresh_token_dies()
    {
        iam.SingleUseRefreshTokens = true;
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));
        var refreshed = await client.RefreshGrantAsync(signedIn.RefreshToken);

        var reused = await client.RefreshGrantAsync(signedIn.RefreshToken);
        var newest = await client.RefreshGrantAsync(refreshed.RefreshToken);

        Assert.That(reused.Status, Is.EqualTo(HttpStatusCode.BadRequest), reused.ToString());
        Assert.That(reused.ErrorCode, Is.EqualTo("BXNIM0407E"));
        Assert.That(newest.Status, Is.EqualTo(HttpStatusCode.OK), newest.ToString());
    }

    [Test]
    public async Task A_session_ends_at_its_account_s_maximum_length()
    {
        iam.SessionPolicy = new SessionPolicy(MaxLength: TimeSpan.FromHours(8), InactivityTimeout: TimeSpan.FromHours(2));
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));
        var refreshToken = signedIn.RefreshToken;
        foreach (var hours in new[] { 1.5, 3, 4.5, 6, 7.5 })
        {
            iam.ClockAhead = TimeSpan.FromHours(hours);
            var refreshed = await client.RefreshGrantAsync(refreshToken);
            Assert.That(refreshed.Status, Is.EqualTo(HttpStatusCode.OK), $"after {hours} h: {refreshed}");
            refreshToken = refreshed.RefreshToken;
            if (hours == 7.5)
            {
                Assert.That(refreshed.ExpiresIn, Is.EqualTo(1800).Within(1), "no access token outlives its session");
            }
        }

        iam.ClockAhead = TimeSpan.FromHours(8);
        var ended = await client.RefreshGrantAsync(refreshToken);

        Assert.That(ended.Status, Is.EqualTo(HttpStatusCode.BadRequest), ended.ToString());
        Assert.That(ended.ErrorCode, Is.EqualTo("BXNIM0408E"));
    }

    [Test]
    public async Task A_session_unused_for_its_account_s_inactivity_timeout_is_inactive()
    {
        iam.SetSessionPolicy(AccountId, new SessionPolicy(MaxLength: TimeSpan.FromHours(24), InactivityTimeout: TimeSpan.FromMinutes(30)));
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));

        iam.ClockAhead = TimeSpan.FromMinutes(29);
        var inTime = await client.RefreshGrantAsync(signedIn.RefreshToken);
        iam.ClockAhead = TimeSpan.FromMinutes(29 + 29);
        var stillInTime = await client.RefreshGrantAsync(inTime.RefreshToken);
        iam.ClockAhead = TimeSpan.FromMinutes(29 + 29 + 30);
        var inactive = await client.RefreshGrantAsync(stillInTime.RefreshToken);

        Assert.That(inTime.Status, Is.EqualTo(HttpStatusCode.OK), inTime.ToString());
        Assert.That(stillInTime.Status, Is.EqualTo(HttpStatusCode.OK), $"each refresh counts inactivity again: {stillInTime}");
        Assert.That(inactive.Status, Is.EqualTo(HttpStatusCode.BadRequest), inactive.ToString());
        Assert.That(inactive.ErrorCode, Is.EqualTo("BXNIM0439E"));
    }

    [Test]
    public async Task A_revoked_session_s_tokens_stop_working()
    {
        iam.TrustPeople(ProfileId, Ada.IamId);
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));

        Assert.That(iam.RevokeSession(signedIn.SessionId), Is.True);
        var refresh = await client.RefreshGrantAsync(signedIn.RefreshToken);
        var assume = await client.AssumeAsync(signedIn.AccessToken, ProfileId);

        Assert.That(refresh.ErrorCode, Is.EqualTo("BXNIM0407E"), refresh.ToString());
        Assert.That(assume.ErrorCode, Is.EqualTo("BXNIM0407E"), assume.ToString());
    }

    [Test]
    public async Task Revoking_every_token_ends_people_s_sessions_too()
    {
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));

        iam.RevokeAllTokens();
        var refresh = await client.RefreshGrantAsync(signedIn.RefreshToken);

        Assert.That(refresh.ErrorCode, Is.EqualTo("BXNIM0407E"), refresh.ToString());
    }

    [TestCase("access_token")]
    [TestCase("refresh_token")]
    public async Task A_person_the_profile_trusts_directly_assumes_it_with_their_token(string tokenField)
    {
        iam.TrustPeople(ProfileId, Ada.IamId);
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));

        var assumed = await client.AssumeAsync(tokenField == "access_token" ? signedIn.AccessToken : signedIn.RefreshToken, ProfileId, tokenField);

        Assert.That(assumed.Status, Is.EqualTo(HttpStatusCode.OK), assumed.ToString());
        var claims = EmulatorToken.Claims(assumed.AccessToken);
        Assert.That(claims["sub_type"]!.ToString(), Is.EqualTo("Profile"));
        Assert.That(claims["iam_id"]!.ToString(), Is.EqualTo("iam-" + ProfileId));
        Assert.That(claims["sub"]!.ToString(), Is.EqualTo(ProfileId));
        Assert.That(claims["authn"]!["iam_id"]!.ToString(), Is.EqualTo(Ada.IamId));
        Assert.That(assumed.ExpiresIn, Is.EqualTo(3600));
        Assert.That(iam.PersonAssumeGrants, Is.EqualTo(1));
    }

    [Test]
    public async Task A_person_the_profile_does_not_trust_cannot_assume_it()
    {
        iam.TrustPeople(OtherProfileId, Ada.IamId);
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));

        var assumed = await client.AssumeAsync(signedIn.AccessToken, ProfileId);

        Assert.That(assumed.Status, Is.EqualTo(HttpStatusCode.Forbidden), assumed.ToString());
        Assert.That(assumed.ErrorCode, Is.EqualTo("BXNIM0398E"));
        Assert.That(iam.PersonAssumeGrants, Is.Zero);
    }

    [Test]
    public async Task Once_the_profile_s_trust_is_removed_the_person_can_no_longer_assume_it()
    {
        iam.TrustPeople(ProfileId, Ada.IamId);
        iam.TrustFederatedPeople(ProfileId, RegistryDevelopers);
        var ada = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));
        var grace = await client.SignInAsync(iam.IssuePasscode(Grace.IamId));
        Assert.That((await client.AssumeAsync(ada.AccessToken, ProfileId)).Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.AssumeAsync(grace.AccessToken, ProfileId)).Status, Is.EqualTo(HttpStatusCode.OK));

        iam.RemovePersonTrust(ProfileId, Ada.IamId);
        iam.RemoveFederatedRule(ProfileId, RegistryDevelopers.Name);

        Assert.That((await client.AssumeAsync(ada.AccessToken, ProfileId)).ErrorCode, Is.EqualTo("BXNIM0398E"));
        Assert.That((await client.AssumeAsync(grace.AccessToken, ProfileId)).ErrorCode, Is.EqualTo("BXNIM0398E"));
    }

    [Test]
    public async Task A_federated_rule_admits_people_of_its_realm_with_matching_attributes_for_its_expiration_after_sign_in()
    {
        iam.TrustFederatedPeople(ProfileId, RegistryDevelopers);
        iam.AddPerson(Grace with { IamId = "IBMid-270000KAT3", Email = "kat@example.test", SamlAttributes = new Dictionary<string, string> { ["department"] = "billing" } });
        iam.AddPerson(Grace with { IamId = "IBMid-270000LIN4", Email = "lin@example.test", Realm = "https://other-idp.example.test/saml" });
        var grace = await client.SignInAsync(iam.IssuePasscode(Grace.IamId));
        var otherDepartment = await client.SignInAsync(iam.IssuePasscode("IBMid-270000KAT3"));
        var otherRealm = await client.SignInAsync(iam.IssuePasscode("IBMid-270000LIN4"));

        var atSignIn = await client.AssumeAsync(grace.AccessToken, ProfileId);
        iam.ClockAhead = TimeSpan.FromMinutes(4);
        var later = await client.AssumeAsync(grace.AccessToken, ProfileId);
        iam.ClockAhead = TimeSpan.FromMinutes(10);
        var expired = await client.AssumeAsync(grace.RefreshToken, ProfileId, "refresh_token");

        Assert.That(atSignIn.ExpiresIn, Is.EqualTo(600).Within(1), $"the rule's expiration caps the token: {atSignIn}");
        Assert.That(later.ExpiresIn, Is.EqualTo(360).Within(1), $"counted from sign-in: {later}");
        Assert.That(expired.Status, Is.EqualTo(HttpStatusCode.BadRequest), expired.ToString());
        Assert.That(expired.ErrorCode, Is.EqualTo("BXNIM0408E"));
        Assert.That((await client.AssumeAsync(otherDepartment.AccessToken, ProfileId)).ErrorCode, Is.EqualTo("BXNIM0398E"));
        Assert.That((await client.AssumeAsync(otherRealm.AccessToken, ProfileId)).ErrorCode, Is.EqualTo("BXNIM0398E"));
    }

    [Test]
    public async Task A_passcode_for_a_profile_begins_a_session_that_already_acts_as_it_and_cannot_assume_again()
    {
        iam.TrustPeople(ProfileId, Ada.IamId);
        iam.TrustPeople(OtherProfileId, Ada.IamId);
        Assert.Throws<ArgumentException>(() => iam.IssuePasscode(Grace.IamId, ProfileId), "a profile that does not trust the person");

        var signedIn = await client.SignInAsync(await PasscodeFromPageAsync(Ada, ProfileId));
        var refreshed = await client.RefreshGrantAsync(signedIn.RefreshToken);

        foreach (var answer in new[] { signedIn, refreshed })
        {
            var claims = EmulatorToken.Claims(answer.AccessToken);
            Assert.That(claims["sub_type"]!.ToString(), Is.EqualTo("Profile"), answer.ToString());
            Assert.That(claims["iam_id"]!.ToString(), Is.EqualTo("iam-" + ProfileId));
            Assert.That(claims["authn"]!["iam_id"]!.ToString(), Is.EqualTo(Ada.IamId));
            Assert.That(claims["authn"]!["name"]!.ToString(), Is.EqualTo(Ada.Name));
        }

        Assert.That(refreshed.SessionId, Is.EqualTo(signedIn.SessionId));
        Assert.That((await client.AssumeAsync(refreshed.AccessToken, OtherProfileId)).ErrorCode, Is.EqualTo("BXNIM0407E"));
        Assert.That((await client.AssumeAsync(refreshed.RefreshToken, OtherProfileId, "refresh_token")).ErrorCode, Is.EqualTo("BXNIM0407E"));
    }

    [Test]
    public async Task A_federated_session_acting_as_a_profile_ends_at_the_rule_s_expiration_and_with_its_trust()
    {
        iam.TrustFederatedPeople(ProfileId, RegistryDevelopers);
        var ended = await client.SignInAsync(iam.IssuePasscode(Grace.IamId, ProfileId));
        var untrusted = await client.SignInAsync(iam.IssuePasscode(Grace.IamId, ProfileId));
        Assert.That(ended.ExpiresIn, Is.EqualTo(600).Within(1), ended.ToString());

        iam.ClockAhead = TimeSpan.FromMinutes(10);
        var afterExpiration = await client.RefreshGrantAsync(ended.RefreshToken);
        iam.ClockAhead = TimeSpan.Zero;
        iam.TrustFederatedPeople(ProfileId, RegistryDevelopers with { Conditions = new Dictionary<string, string> { ["department"] = "billing" } });
        var afterRemoval = await client.RefreshGrantAsync(untrusted.RefreshToken);

        Assert.That(afterExpiration.ErrorCode, Is.EqualTo("BXNIM0408E"), afterExpiration.ToString());
        Assert.That(afterRemoval.ErrorCode, Is.EqualTo("BXNIM0398E"), afterRemoval.ToString());
    }

    [Test]
    public async Task A_profile_token_from_a_person_cannot_assume_another_profile()
    {
        iam.TrustPeople(ProfileId, Ada.IamId);
        iam.TrustPeople(OtherProfileId, Ada.IamId);
        var signedIn = await client.SignInAsync(iam.IssuePasscode(Ada.IamId));
        var assumed = await client.AssumeAsync(signedIn.AccessToken, ProfileId);

        var chained = await client.AssumeAsync(assumed.AccessToken, OtherProfileId);

        Assert.That(chained.Status, Is.EqualTo(HttpStatusCode.BadRequest), chained.ToString());
        Assert.That(chained.ErrorCode, Is.EqualTo("BXNIM0407E"));
    }

    private async Task<string> PasscodeFromPageAsync(Person person, string? profileId = null)
    {
        var (status, html) = await client.SubmitPasscodePageAsync(person.Email, person.Password, profileId);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), html);
        var start = html.IndexOf("id=\"passcode\">", StringComparison.Ordinal) + "id=\"passcode\">".Length;
        return html[start..html.IndexOf("</code>", start, StringComparison.Ordinal)];
    }
}
