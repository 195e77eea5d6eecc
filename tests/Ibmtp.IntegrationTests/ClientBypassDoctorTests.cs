using System.Text;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published helper's doctor on what makes a client bypass the helper: DOCKER_AUTH_CONFIG set or
/// unset, and a credsStore Docker Desktop rewrote without a credHelpers entry; each flagged without
/// changing the exit status, and never a form of the variable's secret. The containers tools' rule it
/// states (credHelpers file by file, never credsStore) is held to skopeo itself. docker reads
/// DOCKER_AUTH_CONFIG from 28.3 on; the docker CLI installed here may be older, so its rule is held to
/// docker/cli's code in the unit tests, not to the CLI.
/// </summary>
[TestFixture]
public sealed class ClientBypassDoctorTests() : RegistryFixture("skopeo")
{
    private const string DockerAuthConfig = "DOCKER_AUTH_CONFIG";

    [Test]
    public async Task DOCKER_AUTH_CONFIG_is_said_only_when_set_and_a_login_for_the_host_is_flagged_without_its_secret_or_a_changed_exit_status()
    {
        using var home = HomeWithCredentials();
        var secret = FakeCredentials.NewApiKey();
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"gitlab-ci-user:{secret}"));

        var unset = await Doctor(home);
        home.Environment[DockerAuthConfig] = Logins(auth, "registry.gitlab.com", Registry.Host);
        var holdingTheHost = await Doctor(home);
        var holdingTheHostAsJson = await Doctor(home, "--json");
        home.Environment[DockerAuthConfig] = Logins(auth, "registry.gitlab.com");
        var withoutTheHost = await Doctor(home);

        Assert.That(unset.ExitCode, Is.EqualTo(0), unset.ToString());
        Assert.That(unset.StandardOutput, Does.Not.Contain(DockerAuthConfig));
        Assert.That(holdingTheHost.ExitCode, Is.EqualTo(0), "a client that bypasses the helper does not change whether get would succeed");
        Assert.That(holdingTheHost.StandardOutput, Does.Contain($"! {DockerAuthConfig}:").And.Contain($"set, with a login for {Registry.Host} that docker 28.3 and later send instead of running any helper"));
        Assert.That(withoutTheHost.ExitCode, Is.EqualTo(0), withoutTheHost.ToString());
        Assert.That(withoutTheHost.StandardOutput, Does.Contain($"  {DockerAuthConfig}:").And.Contain($"set, with logins for registry.gitlab.com; none for {Registry.Host}"));
        foreach (var result in new[] { holdingTheHost, holdingTheHostAsJson, withoutTheHost })
        {
            foreach (var form in SecretEncodings.Of(secret).Append(auth).Append($"gitlab-ci-user:{secret}"))
                Assert.That(result.StandardOutput + result.StandardError, Does.Not.Contain(form));
        }
    }

    [Test]
    public async Task A_credsStore_Docker_Desktop_rewrote_without_a_credHelpers_entry_is_what_docker_runs_and_is_flagged()
    {
        using var home = HomeWithCredentials();
        await File.WriteAllTextAsync(home.DockerConfigFile, """{"credsStore":"desktop"}""");

        var doctor = await Doctor(home);

        Assert.That(doctor.ExitCode, Is.EqualTo(0), doctor.ToString());
        Assert.That(doctor.StandardOutput, Does.Contain($"! docker:").And.Contain($"credHelpers has no entry for {Registry.Host}, so docker runs credsStore's docker-credential-desktop"));
        Assert.That(doctor.StandardOutput, Does.Contain($"  containers tools:").And.Contain($"run the helper for {Registry.Host} (credHelpers in {home.ContainersAuthFile})"));
    }

    [Test]
    public async Task Skopeo_never_runs_credsStore_and_runs_the_helper_named_in_dockers_file_as_doctor_says()
    {
        using var home = HomeWithCredentials();
        // Only docker's file is left: configure named the helper in the containers tools' two files too.
        File.Delete(home.ContainersAuthFile);
        File.Delete(Path.Combine(home.Environment["XDG_CONFIG_HOME"], "containers", "auth.json"));
        using var calls = HelperInvocations.Install(home);

        await File.WriteAllTextAsync(home.DockerConfigFile, """{"credsStore":"ibmtp"}""");
        var underCredsStore = await Doctor(home);
        await InspectWithoutAnAuthFile(home);
        var getsUnderCredsStore = Gets(calls);
        await File.WriteAllTextAsync(home.DockerConfigFile, new JsonObject { ["credHelpers"] = new JsonObject { [Registry.Host] = "ibmtp" } }.ToJsonString());
        var underCredHelpers = await Doctor(home);
        await InspectWithoutAnAuthFile(home);

        Assert.That(underCredsStore.StandardOutput, Does.Contain($"! containers tools:").And.Contain($"they never read credsStore, which {home.DockerConfigFile} names"));
        Assert.That(getsUnderCredsStore, Is.Zero, "skopeo must not run the helper credsStore names");
        Assert.That(underCredHelpers.StandardOutput, Does.Contain($"  containers tools:").And.Contain($"run the helper for {Registry.Host} (credHelpers in {home.DockerConfigFile})"));
        Assert.That(Gets(calls), Is.GreaterThan(0), "skopeo must run the helper docker's file names under credHelpers");
    }

    [Test]
    public async Task Skopeo_stops_at_an_empty_credHelpers_entry_and_fails_to_run_it_as_doctor_says()
    {
        using var home = HomeWithCredentials();
        File.Delete(home.ContainersAuthFile);
        File.Delete(Path.Combine(home.Environment["XDG_CONFIG_HOME"], "containers", "auth.json"));
        await File.WriteAllTextAsync(home.DockerConfigFile, new JsonObject
        {
            ["credHelpers"] = new JsonObject { [Registry.Host] = "" },
            ["auths"] = new JsonObject { [Registry.Host] = new JsonObject { ["auth"] = "eDp5" } },
        }.ToJsonString());

        var doctor = await Doctor(home);
        var inspect = await InspectWithoutAnAuthFile(home);

        Assert.That(doctor.StandardOutput, Does.Contain("! containers tools:").And.Contain($"podman, buildah and skopeo stop at the empty helper credHelpers in {home.DockerConfigFile} names for {Registry.Host}"));
        Assert.That(inspect.ExitCode, Is.Not.Zero, inspect.ToString());
        Assert.That(inspect.StandardError, Does.Contain("getting username and password").And.Contain("docker-credential-"), "skopeo runs the empty name rather than sending the login under auths");
    }

    /// <summary>DOCKER_AUTH_CONFIG as GitLab users write it: the same login for each host.</summary>
    private static string Logins(string auth, params string[] hosts)
    {
        var auths = new JsonObject();
        foreach (var host in hosts)
            auths[host] = new JsonObject { ["auth"] = auth };
        return new JsonObject { ["auths"] = auths }.ToJsonString();
    }

    private TestHome HomeWithCredentials()
    {
        var home = HomeConfiguredByTheHelper();
        home.Environment["IBMTP_API_KEY"] = ApiKey;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;
        return home;
    }

    private Task<ProcessResult> Doctor(TestHome home, params string[] options) =>
        new HelperCli(home).RunWithArgumentsAsync(["doctor", Registry.Host, .. options]);

    private static int Gets(HelperInvocations calls) => calls.Read().Count(call => call.Action == "get");

    /// <summary>skopeo without --authfile, reading every file of its order; whether the image exists does not matter, only whom it asks.</summary>
    private Task<ProcessResult> InspectWithoutAnAuthFile(TestHome home) =>
        ProcessRunner.RunAsync(Peers.Require("skopeo"), ["inspect", "--raw", "--tls-verify=false", $"docker://{Registry.Host}/bypass/none:v1"], new ProcessOptions
        {
            InheritEnvironment = false,
            Environment = new Dictionary<string, string>(home.Environment) { ["_CONTAINERS_ROOTLESS_UID"] = "1000" },
        });
}
