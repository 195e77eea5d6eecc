using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A person signs in with <c>login</c> and a one-time passcode, and the published helper then answers
/// <c>get</c> as the trusted profile with no API key anywhere; <c>logout</c> ends that.
/// </summary>
[TestFixture]
public sealed class PersonLoginTests : IamEmulatorFixture
{
    private static readonly Person Ada = new("IBMid-270000LOGIN", "Ada Lovelace", "ada.login@example.test", IamWorld.AccountId, "analytical engine");

    [SetUp]
    public void TrustAdaAsTheBuilder()
    {
        Iam.AddPerson(Ada);
        Iam.TrustPeople(IamWorld.Builder.Id, Ada.IamId);
        Set(("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
    }

    [TearDown]
    public void RestoreTheSessionPolicy() => Iam.SessionPolicy = SessionPolicy.Default;

    private Task<ProcessResult> LoginAsync(string passcode) => Helper.RunWithInputAsync(passcode + "\n", "login", "--passcode-stdin");

    [Test]
    public async Task Login_says_who_signed_in_as_which_profile_and_get_answers_as_the_profile()
    {
        var passcode = Iam.IssuePasscode(Ada.IamId);

        var login = await LoginAsync(passcode);

        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        Assert.That(login.StandardOutput, Does.Contain("/identity/passcode")
            .And.Contain($"signed in as Ada Lovelace ({Ada.IamId}), acting as trusted profile {IamWorld.Builder.Id}"));
        var token = await GetBearerTokenAsync();
        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
        // The token login assumed is the one get hands out: no renewal yet.
        Assert.That((Iam.RequestCount(GrantTypes.Passcode), Iam.RequestCount(GrantTypes.RefreshToken), Iam.PersonAssumeGrants), Is.EqualTo((1, 0, 1)));
    }

    [Test]
    public async Task Get_renews_the_session_once_the_token_runs_low_and_keeps_answering()
    {
        Assert.That((await LoginAsync(Iam.IssuePasscode(Ada.IamId))).ExitCode, Is.EqualTo(0));

        var token = await GetAheadAsync(TimeSpan.FromMinutes(50));

        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
        Assert.That((Iam.RequestCount(GrantTypes.RefreshToken), Iam.PersonAssumeGrants), Is.EqualTo((1, 2)));
    }

    [Test]
    public async Task A_profile_that_does_not_trust_the_person_fails_login_and_keeps_nothing()
    {
        Set(("IBMTP_PROFILE_ID", IamWorld.VpcDefault.Id));

        var login = await LoginAsync(Iam.IssuePasscode(Ada.IamId));

        Assert.That(login.ExitCode, Is.EqualTo(1), login.ToString());
        Assert.That(login.StandardError, Does.StartWith("docker-credential-ibmtp login: Ada Lovelace").And.Contain("cannot act as trusted profile").And.EndWith("\n"));
        Assert.That(login.StandardError.TrimEnd('\n'), Does.Not.Contain("\n"));
        Assert.That((await Helper.GetAsync(Registry)).StandardOutput, Does.Contain("credentials not found"));
    }

    [Test]
    public async Task A_used_passcode_is_refused_in_one_line()
    {
        var passcode = Iam.IssuePasscode(Ada.IamId);
        Assert.That((await LoginAsync(passcode)).ExitCode, Is.EqualTo(0));

        var again = await LoginAsync(passcode);

        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        Assert.That(again.StandardError, Does.StartWith("docker-credential-ibmtp login: ").And.Not.Contain(passcode));
    }

    [Test]
    public async Task Logout_removes_the_session_and_get_finds_nothing()
    {
        Assert.That((await LoginAsync(Iam.IssuePasscode(Ada.IamId))).ExitCode, Is.EqualTo(0));

        var logout = await Helper.RunWithArgumentsAsync("logout");

        Assert.That(logout.ExitCode, Is.EqualTo(0), logout.ToString());
        Assert.That(logout.StandardOutput, Is.EqualTo($"signed out Ada Lovelace ({Ada.IamId})\n"));
        Assert.That((await Helper.GetAsync(Registry)).StandardOutput, Does.Contain("credentials not found"));
        Assert.That((await Helper.RunWithArgumentsAsync("logout")).StandardOutput, Is.EqualTo("no one is signed in\n"));
    }

    [Test]
    public async Task A_session_the_account_ended_is_removed_and_get_says_to_log_in_again()
    {
        Assert.That((await LoginAsync(Iam.IssuePasscode(Ada.IamId))).ExitCode, Is.EqualTo(0));
        Iam.SessionPolicy = new SessionPolicy(TimeSpan.FromHours(24), TimeSpan.FromMinutes(30));

        AgeTo(TimeSpan.FromMinutes(50));
        var get = await Helper.GetAsync(Registry);

        Assert.That(get.ExitCode, Is.EqualTo(1), get.ToString());
        Assert.That(get.StandardOutput, Does.Contain("Ada Lovelace").And.Contain("run docker-credential-ibmtp login"));
        Assert.That((await Helper.GetAsync(Registry)).StandardOutput, Does.Contain("credentials not found"));
    }

    [Test]
    public async Task No_secret_of_the_sign_in_is_left_in_clear_in_any_file_or_the_debug_log()
    {
        var passcode = Iam.IssuePasscode(Ada.IamId);
        var login = await LoginAsync(passcode);
        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        var token = await GetBearerTokenAsync();

        Assert.That(Home.FilesContainingSecret(passcode), Is.Empty);
        Assert.That(Home.FilesContainingSecret(token), Is.Empty);
        Assert.That(login.StandardOutput + login.StandardError, Does.Not.Contain(passcode));
    }

    [Test]
    public async Task A_session_that_already_acts_as_a_profile_is_kept_as_it_is_and_never_assumed_again()
    {
        Home.Environment.Remove("IBMTP_PROFILE_ID");

        var login = await LoginAsync(Iam.IssuePasscode(Ada.IamId, actingAsProfileId: IamWorld.Builder.Id));

        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        Assert.That(login.StandardOutput, Does.Contain($"signed in as Ada Lovelace ({Ada.IamId}), acting as the trusted profile chosen on the passcode page"));
        Assert.That(EmulatorToken.Subject(await GetBearerTokenAsync()), Is.EqualTo(IamWorld.Builder.Id));
        Assert.That(EmulatorToken.Subject(await GetAheadAsync(TimeSpan.FromMinutes(50))), Is.EqualTo(IamWorld.Builder.Id));
        Assert.That((Iam.RequestCount(GrantTypes.RefreshToken), Iam.PersonAssumeGrants), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task Without_a_profile_named_login_says_how_to_name_one_and_keeps_nothing()
    {
        Home.Environment.Remove("IBMTP_PROFILE_ID");

        var login = await LoginAsync(Iam.IssuePasscode(Ada.IamId));

        Assert.That(login.ExitCode, Is.EqualTo(1), login.ToString());
        Assert.That(login.StandardError, Does.Contain("no trusted profile is named to act as: set IBMTP_PROFILE_ID"));
        Assert.That((await Helper.RunWithArgumentsAsync("logout")).StandardOutput, Is.EqualTo("no one is signed in\n"));
    }

    [Test]
    public async Task Login_for_a_host_acts_as_the_profile_the_config_files_hosts_entry_names_for_it()
    {
        Home.Environment.Remove("IBMTP_PROFILE_ID");
        var config = Path.Combine(Home.Path, "ibmtp-config.json");
        File.WriteAllText(config, $$"""
            { "profileId": "{{IamWorld.VpcDefault.Id}}", "hosts": [ { "host": "de.icr.io", "profileId": "{{IamWorld.Builder.Id}}" } ] }
            """);
        Set(("IBMTP_CONFIG", config));

        var login = await Helper.RunWithInputAsync(Iam.IssuePasscode(Ada.IamId) + "\n", "login", "de.icr.io", "--passcode-stdin");

        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        Assert.That(login.StandardOutput, Does.Contain($"acting as trusted profile {IamWorld.Builder.Id}"));
        var (_, _, token) = HelperOutput.Credentials(await Helper.GetAsync("de.icr.io"));
        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
    }

    [Test]
    public async Task The_kubelet_provider_never_answers_with_a_persons_session()
    {
        Assert.That((await LoginAsync(Iam.IssuePasscode(Ada.IamId))).ExitCode, Is.EqualTo(0));
        const string request = """{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/team/app:1"}""";

        var kubelet = await Helper.RunAsync("kubelet", request);

        Assert.That(kubelet.ExitCode, Is.EqualTo(0), kubelet.ToString());
        Assert.That(kubelet.StandardOutput, Does.Contain("CredentialProviderResponse").And.Not.Contain("iambearer"), kubelet.ToString());
        Assert.That((await GetBearerTokenAsync()).Length, Is.GreaterThan(0), "while get still answers from the session");
    }

    [Test]
    public async Task A_damaged_session_is_removed_by_logout_and_replaced_by_login()
    {
        Home.OpenKeystore(Ibmtp.Configuration.KeystoreKind.File).Save(
            Ibmtp.Sessions.SessionStore.Key, new Ibmtp.Keystores.StoredLogin(Ada.IamId, new Ibmtp.Secrets.Secret("{\"format\":9}")));

        var logout = await Helper.RunWithArgumentsAsync("logout");
        Home.OpenKeystore(Ibmtp.Configuration.KeystoreKind.File).Save(
            Ibmtp.Sessions.SessionStore.Key, new Ibmtp.Keystores.StoredLogin(Ada.IamId, new Ibmtp.Secrets.Secret("{\"format\":9}")));
        var login = await LoginAsync(Iam.IssuePasscode(Ada.IamId));

        Assert.That(logout.ExitCode, Is.EqualTo(0), logout.ToString());
        Assert.That(logout.StandardOutput, Is.EqualTo("removed a damaged sign-in session\n"));
        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        Assert.That(login.StandardError, Does.Contain("damaged").And.Contain("this login replaces it"));
        Assert.That(EmulatorToken.Subject(await GetBearerTokenAsync()), Is.EqualTo(IamWorld.Builder.Id));
    }

    [Test]
    public async Task With_a_display_login_opens_the_passcode_page_in_the_browser()
    {
        var opened = Path.Combine(Home.Path, "opened.txt");
        var opener = Path.Combine(Home.BinDirectory, "xdg-open");
        File.WriteAllText(opener, $"#!/bin/sh\nprintf '%s\\n' \"$*\" > {opened}\n");
        File.SetUnixFileMode(opener, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Set(("DISPLAY", ":0"));

        var login = await Helper.RunWithArgumentsAsync("login");

        // The page is opened before the passcode is asked for; with no terminal to ask on, login stops there.
        Assert.That(login.StandardOutput, Does.Contain("(opened in your browser)"));
        Assert.That(login.StandardError, Does.Contain("there is no terminal to read the passcode from: pipe it in with --passcode-stdin"));
        Assert.That(await WaitForFileAsync(opened), Does.EndWith("/identity/passcode\n"));
    }

    [Test]
    public async Task On_a_terminal_the_passcode_is_read_without_echo()
    {
        var passcode = Iam.IssuePasscode(Ada.IamId);
        var transcript = Path.Combine(Home.Path, "typescript");
        var helper = Path.Combine(Home.BinDirectory, "docker-credential-ibmtp");

        // script(1) gives the helper a terminal of its own and records all that terminal shows; the code is
        // typed once the prompt is there, as a person would, so the terminal's echo is already off.
        const string Typist = """
            (until grep -q 'Passcode: ' "$TRANSCRIPT" 2>/dev/null; do sleep 0.05; done; printf '%s\r' "$PASSCODE") |
              script -q -f -e -c "$HELPER login" "$TRANSCRIPT"
            """;
        var environment = new Dictionary<string, string>(Home.Environment) { ["PASSCODE"] = passcode, ["TRANSCRIPT"] = transcript, ["HELPER"] = helper };
        var login = await ProcessRunner.RunAsync("/bin/sh", ["-c", Typist],
            new ProcessOptions { InheritEnvironment = false, Environment = environment, Timeout = TimeSpan.FromSeconds(30) });

        Assert.That(login.ExitCode, Is.EqualTo(0), login.ToString());
        var shown = File.ReadAllText(transcript);
        Assert.That(shown, Does.Contain("Passcode: ").And.Contain("signed in as Ada Lovelace"));
        Assert.That(shown, Does.Not.Contain(passcode));
    }

    private static async Task<string> WaitForFileAsync(string path)
    {
        for (var attempt = 0; attempt < 100 && !File.Exists(path); attempt++)
            await Task.Delay(50);
        return File.ReadAllText(path);
    }

    /// <summary>
    /// <paramref name="ahead"/> into the test for both sides: the emulator's clock moves there, and the
    /// cached token is made as old, so the helper, on the real clock, judges it as IAM does.
    /// </summary>
    private void AgeTo(TimeSpan ahead)
    {
        CachedTokens.AgeTo(Home, ahead);
        Iam.ClockAhead = ahead;
    }

    private async Task<string> GetAheadAsync(TimeSpan ahead)
    {
        AgeTo(ahead);
        return await GetBearerTokenAsync();
    }
}
