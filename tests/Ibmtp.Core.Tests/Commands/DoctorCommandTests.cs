using System.Text.Json.Nodes;
using Ibmtp.CloudIdentity;
using Ibmtp.Keystores;
using Ibmtp.Secrets;
using Ibmtp.Sessions;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Commands;

/// <summary><c>doctor</c> says why a push would fail, without a secret, and exits 0 only when <c>get</c> would succeed.</summary>
[TestFixture]
public sealed class DoctorCommandTests : TempHomeFixture
{
    private const string ApiKey = "doctor-api-key-5f1c9e2a7b";

    private HelperResult Doctor(params string[] arguments) => HelperRun.Run(Home, ["doctor", .. arguments], []);

    private string DockerFile => Path.Combine(Home.Root, ".docker", "config.json");

    [Test]
    public void A_host_not_served_is_the_problem_and_get_would_not_succeed()
    {
        var result = Doctor("docker.io");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.Contain("! served:").And.Contain("IBMTP_REGISTRIES=docker.io"));
    }

    [Test]
    public void An_API_key_from_the_environment_is_named_by_variable_and_fingerprint_never_by_value()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-doctor";

        var result = Doctor();

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stdout);
        Assert.That(result.Stdout, Does.Contain("API key from IBMTP_API_KEY (sha256:").And.Contain("sent as Profile-doctor"));
        Assert.That(result.Stdout, Does.Contain("profile:").And.Contain("(from IBMTP_PROFILE_ID)"));
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain(ApiKey));
        Assert.That(result.Stdout, Does.EndWith("get us.icr.io would succeed\n"));
    }

    [Test]
    public void An_API_key_in_a_file_is_named_by_its_path()
    {
        var file = Home.WriteFile("api-key", ApiKey);
        Home.Variables["IBMTP_API_KEY"] = "@" + file;

        Assert.That(Doctor().Stdout, Does.Contain($"API key from IBMTP_API_KEY (@{file})"));
    }

    [Test]
    public void The_store_in_use_is_named_with_where_the_choice_came_from_and_what_it_holds()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-stored", ApiKey));

        var result = Doctor("us.icr.io");

        Assert.That(result.Stdout, Does.Contain($"  keystore:").And.Contain($"file (from default): encrypted file {Home.KeystoreFile} (0600), 1 login(s)"));
    }

    [Test]
    public void A_chosen_store_that_cannot_be_reached_is_a_problem_but_credentials_from_the_environment_still_succeed()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_PROFILE_ID"] = "Profile-doctor";
        Home.Variables["IBMTP_KEYSTORE"] = "secretservice";

        var result = Doctor();

        Assert.That(result.Stdout, Does.Contain("! keystore:").And.Contain("secretservice (from IBMTP_KEYSTORE): the secretservice keystore needs a D-Bus session bus"));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stdout);
    }

    [Test]
    public void A_keystore_setting_that_names_no_store_is_a_problem_that_lists_the_stores()
    {
        Home.Variables["IBMTP_KEYSTORE"] = "vault";

        Assert.That(Doctor().Stdout, Does.Contain("! keystore:").And.Contain("use file, secretservice, pass or keychain"));
    }

    [Test]
    public void A_keystore_entry_is_named_with_its_user()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-stored", ApiKey));

        var result = Doctor("us.icr.io");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Does.Contain("keystore entry for us.icr.io, user Profile-stored"));
        Assert.That(result.Stdout, Does.Not.Contain(ApiKey));
    }

    [Test]
    public void A_profile_variable_holding_something_else_is_not_shown_in_case_it_is_a_key()
    {
        Home.Variables["IBMTP_API_KEY"] = "Profile-swapped";
        Home.Variables["IBMTP_PROFILE_ID"] = ApiKey;

        var result = Doctor();

        Assert.That(result.Stdout, Does.Contain("! profile:").And.Contain("does not hold a profile ID"));
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain(ApiKey));
    }

    [Test]
    public void No_credentials_at_all_is_the_problem_with_the_fix()
    {
        var result = Doctor();

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.Contain("! credentials:").And.Contain("set IBMTP_API_KEY"));
    }

    [Test]
    public void A_token_mode_exchange_that_IAM_cannot_answer_is_reported_with_gets_message()
    {
        Home.Variables["IBMTP_MODE"] = "token";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_IAM_URL"] = "http://127.0.0.1:1";
        Home.Variables["IBMTP_TIMEOUT"] = "1";

        var result = Doctor();

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Does.Contain("! IAM exchange:").And.Contain("is unavailable"));
        Assert.That(result.Stdout, Does.Contain("cached token:").And.Contain("none"));
    }

    [Test]
    public void Client_files_that_do_not_name_the_helper_say_how_to_fix_it()
    {
        var result = Doctor();

        Assert.That(result.Stdout, Does.Contain($"! docker:").And.Contain("run docker-credential-ibmtp configure"));
    }

    [Test]
    public void Client_files_that_name_the_helper_are_fine()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        HelperAssert.Succeeds(HelperRun.Run(Home, ["configure", "--registries", "us.icr.io"], []));

        var result = Doctor();

        Assert.That(result.Stdout, Does.Contain($"  docker:").And.Contain($"{DockerFile}: names the helper for us.icr.io"));
        Assert.That(result.Stdout, Does.Not.Contain("! "));
    }

    [TestCase("""{"credHelpers":{"\ud800":"x","us.icr.io":"ibmtp"}}""")]
    [TestCase("""{"credHelpers":{"us.icr.io":"\ud800"}}""")]
    [TestCase("""{"auths":{"\ud800":{"auth":"eA=="}},"credsStore":"\udc00"}""")]
    public void A_file_with_an_escaped_lone_surrogate_is_reported_like_any_other(string content)
    {
        Home.WriteFile(DockerFile, content);

        var result = Doctor();

        Assert.That(result.ExitCode, Is.AnyOf(0, 1));
        Assert.That(result.Stdout, Does.Contain($" docker:            {DockerFile}: "));
    }

    [TestCase("us.icr.io", "a stored login")]
    [TestCase("https://us.icr.io", "docker 20.10")]
    public void A_stored_login_that_shadows_the_helper_is_flagged_with_the_fix(string key, string why)
    {
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp"},"auths":{"KEY":{"auth":"eA=="}}}""".Replace("KEY", key));

        var result = Doctor();

        Assert.That(result.Stdout, Does.Contain($"! docker login:").And.Contain($"auths has {key}").And.Contain(why).And.Contain("remove that entry"));
    }

    [Test]
    public void A_login_in_the_legacy_dockercfg_is_flagged()
    {
        Home.WriteFile(Path.Combine(Home.Root, ".dockercfg"), """{"https://us.icr.io":{"auth":"eA==","email":""}}""");

        Assert.That(Doctor().Stdout, Does.Contain("! legacy login:").And.Contain(".dockercfg: holds a login for https://us.icr.io"));
    }

    [Test]
    public void The_helpers_files_are_listed_with_their_modes()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-stored", ApiKey));

        var result = Doctor();

        Assert.That(result.Stdout, Does.Contain($"keystore:").And.Contain("keystore.json (0600)"));
        Assert.That(result.Stdout, Does.Contain("config file:").And.Contain("none"));
    }

    [Test]
    public void Json_gives_the_same_facts_and_the_same_verdict()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        var result = Doctor("de.icr.io", "--json");
        var report = JsonNode.Parse(result.Stdout)!;

        Assert.That(report["host"]!.GetValue<string>(), Is.EqualTo("de.icr.io"));
        Assert.That(report["getWouldSucceed"]!.GetValue<bool>(), Is.True);
        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(report["facts"]!.AsArray().Select(fact => fact!["name"]!.GetValue<string>()), Does.Contain("credentials").And.Contain("docker"));
        Assert.That(result.Stdout, Does.Not.Contain(ApiKey));
    }

    [Test]
    public void Json_carries_the_sign_in_sessions_facts_and_a_renewal_IAM_cannot_answer_as_the_problem()
    {
        const string refreshToken = "RefreshToken-doctor-json-3c7d9e";
        var signedIn = DateTimeOffset.UtcNow.AddHours(-1);
        var session = new PersonSession(new Secret(refreshToken), "session-json", new Uri("http://127.0.0.1:1/"), new TrustedProfile(TrustedProfileKind.Id, "Profile-json"),
            null, "Jane Doe", "IBMid-2700001AB2", signedIn, signedIn, ActsAsProfile: false);
        Home.Keystore().Save(SessionStore.Key, new StoredLogin(session.PersonIamId, new Secret(SessionDocument.Serialize(session))));
        Home.Variables["IBMTP_TIMEOUT"] = "1";

        var result = Doctor("--json");
        var report = JsonNode.Parse(result.Stdout)!;
        var facts = report["facts"]!.AsArray().ToDictionary(fact => fact!["name"]!.GetValue<string>(), fact => fact!);

        Assert.That(facts.Keys, Is.SupersetOf(new[] { "session", "session signed in", "session last renewal", "session token", "session limits", "session renewal" }));
        Assert.That(facts["session"]!["value"]!.GetValue<string>(), Is.EqualTo("Jane Doe (IBMid-2700001AB2), as the trusted profile Profile-json"));
        Assert.That(facts["session limits"]!["value"]!.GetValue<string>(), Is.EqualTo("not reported by IAM"));
        Assert.That(facts["session renewal"]!["problem"]!.GetValue<bool>(), Is.True);
        Assert.That(report["getWouldSucceed"]!.GetValue<bool>(), Is.False);
        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout + result.Stderr, Does.Not.Contain(refreshToken));
    }

    [Test]
    public void An_address_that_is_no_host_is_a_one_line_error()
    {
        var result = Doctor("not a host");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stderr, Does.StartWith("docker-credential-ibmtp doctor: 'not a host' is not a registry host"));
    }

    [TestCase(new[] { "--image", "us.icr.io/namespace/app" }, "--image")]
    [TestCase(new[] { "us.icr.io", "--image-credential-provider-bin-dir", "/usr/local/libexec/kubelet-credential-providers" }, "--image-credential-provider-bin-dir")]
    public void A_kubelet_option_without_kubelet_is_a_usage_error(string[] arguments, string option)
    {
        var result = Doctor(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(result.Stderr, Is.EqualTo($"docker-credential-ibmtp doctor: {option} means something only with --kubelet: add --kubelet, or name the host alone (see doctor --help)\n"));
    }
}
