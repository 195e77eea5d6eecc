using Ibmtp.Diagnostics;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The client files check: whether each auth file the clients read sends the host to the helper, and what in them shadows it.</summary>
[TestFixture]
public sealed class ClientFilesCheckTests : CheckFixture
{
    private string DockerFile => Path.Combine(Home.Root, ".docker", "config.json");

    private string LegacyFile => Path.Combine(Home.Root, ".dockercfg");

    private IReadOnlyList<Fact> Run(string host = "us.icr.io")
    {
        var facts = new FactSheet();
        new ClientFilesCheck(Context, Services.Paths).Run(Registry.Host(host), facts);
        return facts.Facts;
    }

    [Test]
    public void A_file_that_names_another_helper_for_the_host_is_a_problem_with_the_fix()
    {
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ecr-login"}}""");

        Assert.That(Run()[0], Is.EqualTo(new Fact("docker", $"{DockerFile}: does not name the helper for us.icr.io; run docker-credential-ibmtp configure --registries us.icr.io", Problem: true)));
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
        Assert.That(Run().Select(fact => fact.Name), Is.EqualTo(new[] { "docker", "containers", "containers logins" }));
    }

    [Test]
    public void A_chosen_REGISTRY_AUTH_FILE_is_both_files_and_is_examined_once()
    {
        Home.Variables["REGISTRY_AUTH_FILE"] = Path.Combine(Home.Root, "auth.json");

        Assert.That(Run().Select(fact => fact.Name), Is.EqualTo(new[] { "docker", "containers" }));
    }
}
