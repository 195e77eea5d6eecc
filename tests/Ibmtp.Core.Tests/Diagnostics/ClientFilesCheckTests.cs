using Ibmtp.Diagnostics;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>
/// The client files check: which helper docker and the containers tools will run for the host, as
/// each weighs its files, whether each file names the helper, and what in them shadows it.
/// </summary>
[TestFixture]
public sealed class ClientFilesCheckTests : CheckFixture
{
    private string DockerFile => Path.Combine(Home.Root, ".docker", "config.json");

    private string LegacyFile => Path.Combine(Home.Root, ".dockercfg");

    private string ContainersFile => Path.Combine(Home.Root, ".config", "containers", "auth.json");

    private string ContainersLoginFile => Path.Combine(Home.Root, "run", "containers", "auth.json");

    private Fact Docker => Run().Single(fact => fact.Name == "docker");

    private Fact ContainersTools => Run().Single(fact => fact.Name == "containers tools");

    private IReadOnlyList<Fact> Run(string host = "us.icr.io")
    {
        var facts = new FactSheet();
        new ClientFilesCheck(Context, Services.Paths).Run(Registry.Host(host), facts);
        return facts.Facts;
    }

    [Test]
    public void Docker_runs_the_helper_its_credHelpers_entry_names_for_the_host()
    {
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp"}}""");

        Assert.That(Docker, Is.EqualTo(new Fact("docker", $"{DockerFile}: names the helper for us.icr.io")));
    }

    [Test]
    public void Another_helper_named_for_the_host_is_what_docker_runs_and_a_problem_with_the_fix()
    {
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ecr-login"}}""");

        Assert.That(Docker, Is.EqualTo(new Fact("docker", $"{DockerFile}: credHelpers names docker-credential-ecr-login for us.icr.io, so docker runs that helper, never this one; run docker-credential-ibmtp configure --registries us.icr.io", Problem: true)));
    }

    [Test]
    public void Without_a_credHelpers_entry_docker_runs_the_credsStore_Docker_Desktop_wrote()
    {
        Home.WriteFile(DockerFile, """{"credsStore":"desktop","credHelpers":{"de.icr.io":"ibmtp"}}""");

        Assert.That(Docker.Value, Does.StartWith($"{DockerFile}: credHelpers has no entry for us.icr.io, so docker runs credsStore's docker-credential-desktop").And.Contain("a credHelpers entry wins over credsStore"));
        Assert.That(Docker.Problem, Is.True);
    }

    [Test]
    public void A_credHelpers_entry_wins_over_credsStore()
    {
        Home.WriteFile(DockerFile, """{"credsStore":"desktop","credHelpers":{"us.icr.io":"ibmtp"}}""");

        Assert.That(Docker, Is.EqualTo(new Fact("docker", $"{DockerFile}: names the helper for us.icr.io")));
    }

    [Test]
    public void The_helper_as_credsStore_runs_for_every_registry_and_is_a_problem()
    {
        Home.WriteFile(DockerFile, """{"credsStore":"ibmtp"}""");

        Assert.That(Docker.Value, Does.Contain("credsStore names the helper, so docker runs it for us.icr.io and for every other registry").And.EndWith("and remove the credsStore line"));
        Assert.That(Docker.Problem, Is.True);
    }

    [Test]
    public void Without_any_helper_docker_sends_the_login_stored_for_the_host()
    {
        Home.WriteFile(DockerFile, """{"auths":{"https://us.icr.io/v1/":{"auth":"eDp5"}}}""");

        Assert.That(Docker.Value, Does.Contain("names no helper for us.icr.io (no credHelpers entry, no credsStore), so docker sends the login stored under auths https://us.icr.io/v1/"));
    }

    [Test]
    public void Without_any_helper_or_login_docker_sends_nothing()
    {
        Home.WriteFile(DockerFile, """{"auths":{"us.icr.io":{}},"credHelpers":{"de.icr.io":"ibmtp"}}""");

        Assert.That(Docker.Value, Does.Contain("so docker sends no credentials; run docker-credential-ibmtp configure --registries us.icr.io"));
        Assert.That(Docker.Problem, Is.True);
    }

    [TestCase("\"\"")]
    [TestCase("null")]
    public void An_empty_credHelpers_entry_is_no_helper_to_docker_which_then_sends_the_login_under_auths_and_never_turns_to_credsStore(string helper)
    {
        Home.WriteFile(DockerFile, """{"credsStore":"desktop","credHelpers":{"us.icr.io":""" + helper + """},"auths":{"us.icr.io":{"auth":"eDp5"}}}""");

        Assert.That(Docker, Is.EqualTo(new Fact("docker", $"{DockerFile}: credHelpers names an empty helper for us.icr.io, which docker takes as none, without turning to credsStore, so docker sends the login stored under auths us.icr.io; run docker-credential-ibmtp configure --registries us.icr.io", Problem: true)));
    }

    [Test]
    public void An_empty_credHelpers_entry_without_a_login_leaves_docker_sending_nothing()
    {
        Home.WriteFile(DockerFile, """{"credsStore":"desktop","credHelpers":{"us.icr.io":""}}""");

        Assert.That(Docker.Value, Does.EndWith("without turning to credsStore, so docker sends no credentials; run docker-credential-ibmtp configure --registries us.icr.io"));
    }

    [TestCase("\"\"")]
    [TestCase("null")]
    public void An_empty_credsStore_is_none(string store)
    {
        Home.WriteFile(DockerFile, "{\"credsStore\":" + store + "}");

        Assert.That(Docker, Is.EqualTo(new Fact("docker", $"{DockerFile}: names no helper for us.icr.io (no credHelpers entry, no credsStore), so docker sends no credentials; run docker-credential-ibmtp configure --registries us.icr.io", Problem: true)));
    }

    [TestCase("\"\"")]
    [TestCase("null")]
    public void An_empty_credHelpers_entry_stops_the_containers_tools_which_fail_to_run_it(string helper)
    {
        Home.WriteFile(ContainersFile, """{"credHelpers":{"us.icr.io":""" + helper + """},"auths":{"us.icr.io":{"auth":"eDp5"}}}""");
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp"}}""");

        Assert.That(ContainersTools, Is.EqualTo(new Fact("containers tools", $"podman, buildah and skopeo stop at the empty helper credHelpers in {ContainersFile} names for us.icr.io: they try to run docker-credential-, a helper with no name, and fail to look up credentials for it; run docker-credential-ibmtp configure --registries us.icr.io", Problem: true)));
    }

    [Test]
    public void The_containers_tools_run_the_helper_the_first_file_in_their_order_names()
    {
        Home.WriteFile(ContainersLoginFile, """{"credHelpers":{"us.icr.io":"ibmtp"}}""");
        Home.WriteFile(ContainersFile, """{"credHelpers":{"us.icr.io":"ecr-login"}}""");

        Assert.That(ContainersTools, Is.EqualTo(new Fact("containers tools", $"podman, buildah and skopeo run the helper for us.icr.io (credHelpers in {ContainersLoginFile})")));
    }

    [Test]
    public void A_login_in_an_earlier_file_shadows_the_helper_a_later_one_names()
    {
        Home.WriteFile(ContainersLoginFile, """{"auths":{"us.icr.io":{"auth":"eDp5"}}}""");
        Home.WriteFile(ContainersFile, """{"credHelpers":{"us.icr.io":"ibmtp"}}""");

        Assert.That(ContainersTools, Is.EqualTo(new Fact("containers tools", $"podman, buildah and skopeo send the login stored in {ContainersLoginFile} under us.icr.io and never run the helper for us.icr.io; remove that entry", Problem: true)));
    }

    [Test]
    public void Within_one_file_the_containers_tools_take_credHelpers_before_a_login()
    {
        Home.WriteFile(ContainersLoginFile, """{"auths":{"us.icr.io":{"auth":"eDp5"}},"credHelpers":{"us.icr.io":"ibmtp"}}""");

        Assert.That(ContainersTools.Problem, Is.False);
    }

    [Test]
    public void Another_helper_the_containers_tools_find_first_is_a_problem()
    {
        Home.WriteFile(ContainersFile, """{"credHelpers":{"us.icr.io":"ecr-login"}}""");
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp"}}""");

        Assert.That(ContainersTools.Value, Does.StartWith($"podman, buildah and skopeo run docker-credential-ecr-login for us.icr.io (credHelpers in {ContainersFile}), never this helper"));
        Assert.That(ContainersTools.Problem, Is.True);
    }

    [Test]
    public void The_containers_tools_fall_back_to_dockers_file()
    {
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp"}}""");

        Assert.That(ContainersTools, Is.EqualTo(new Fact("containers tools", $"podman, buildah and skopeo run the helper for us.icr.io (credHelpers in {DockerFile})")));
    }

    [Test]
    public void The_containers_tools_never_run_credsStore()
    {
        Home.WriteFile(DockerFile, """{"credsStore":"ibmtp"}""");

        Assert.That(ContainersTools.Value, Does.Contain("find no helper and no login for us.icr.io").And.Contain($"they never read credsStore, which {DockerFile} names"));
        Assert.That(ContainersTools.Problem, Is.True);
    }

    [Test]
    public void The_containers_tools_use_a_login_in_the_legacy_file_last()
    {
        Home.WriteFile(LegacyFile, """{"https://us.icr.io":{"auth":"eDp5","email":""}}""");

        Assert.That(ContainersTools.Value, Does.StartWith($"podman, buildah and skopeo send the login stored in {LegacyFile} under https://us.icr.io"));
    }

    [Test]
    public void With_REGISTRY_AUTH_FILE_the_containers_tools_read_that_file_alone()
    {
        var chosen = Home.WriteFile(Path.Combine(Home.Root, "auth.json"), "{}");
        Home.Variables["REGISTRY_AUTH_FILE"] = chosen;
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp"}}""");

        Assert.That(ContainersTools.Value, Does.StartWith($"podman, buildah and skopeo find no helper and no login for us.icr.io in {chosen}, so they send no credentials"));
    }

    [Test]
    public void The_containers_tools_stop_at_a_file_they_cannot_read()
    {
        Home.WriteFile(ContainersLoginFile, "{broken");
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp"}}""");

        Assert.That(ContainersTools, Is.EqualTo(new Fact("containers tools", $"podman, buildah and skopeo stop at {ContainersLoginFile}, which they cannot read either", Problem: true)));
    }

    [Test]
    public void A_file_that_cannot_be_read_is_a_problem_and_the_other_files_are_still_examined()
    {
        Home.WriteFile(DockerFile, "{broken");

        var facts = Run();

        Assert.That(facts[0].Name, Is.EqualTo("docker"));
        Assert.That(facts[0].Value, Does.Contain(DockerFile));
        Assert.That(facts[0].Problem, Is.True);
        Assert.That(facts.Select(fact => fact.Name), Does.Contain("containers"));
    }

    [Test]
    public void An_auth_file_with_a_name_twice_in_one_object_is_refused_as_the_file_the_helper_edits()
    {
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp","us.icr.io":"desktop"}}""");

        Assert.That(Docker, Is.EqualTo(new Fact("docker", $"{DockerFile} is not valid JSON (Duplicate property 'us.icr.io' encountered during deserialization): fix it or move it aside, then run this again; it was left untouched", Problem: true)));
    }

    [Test]
    public void Logins_for_other_hosts_are_not_flagged()
    {
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp"},"auths":{"de.icr.io":{"auth":"eA=="}}}""");
        Home.WriteFile(LegacyFile, """{"https://de.icr.io":{"auth":"eA==","email":""}}""");

        Assert.That(Run().Select(fact => fact.Name), Has.None.EqualTo("docker login").And.None.EqualTo("legacy login"));
    }

    [Test]
    public void A_legacy_file_that_cannot_be_read_is_a_problem()
    {
        Home.WriteFile(LegacyFile, "{broken");

        var legacy = Run().Single(fact => fact.Name == "legacy login");

        Assert.That(legacy.Value, Does.Contain(LegacyFile));
        Assert.That(legacy.Problem, Is.True);
    }

    [Test]
    public void The_file_the_containers_tools_log_in_to_is_examined_apart_when_it_is_not_the_file_they_keep()
    {
        Assert.That(Run().Select(fact => fact.Name), Is.EqualTo(new[] { "docker", "containers", "containers logins", "containers tools" }));
    }

    [Test]
    public void A_chosen_REGISTRY_AUTH_FILE_is_both_files_and_is_examined_once()
    {
        Home.Variables["REGISTRY_AUTH_FILE"] = Path.Combine(Home.Root, "auth.json");

        Assert.That(Run().Select(fact => fact.Name), Is.EqualTo(new[] { "docker", "containers", "containers tools" }));
    }
}
