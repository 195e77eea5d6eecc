using Ibmtp.Diagnostics;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The kubelet provider check: the file the kubelet runs, bin dir + the provider's name.</summary>
[TestFixture]
public sealed class KubeletProviderFileCheckTests : KubeletCheckFixture
{
    private string Install(string name, UnixFileMode mode = (UnixFileMode)0b111_101_101)
    {
        var path = Home.WriteFile(Path.Combine(BinDir, name), "#!/bin/sh\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Test]
    public void The_provider_in_the_bin_dir_is_named()
    {
        var setup = Setup();
        var path = Install(HelperInfo.Name);

        Assert.That(Run(new KubeletProviderFileCheck(setup)), Is.EqualTo(new[] { new Fact("kubelet provider", path) }));
    }

    [Test]
    public void A_name_that_is_not_the_file_in_the_bin_dir_is_a_problem_with_the_name_to_set()
    {
        var setup = Setup(Shipped("  - name: docker-credential-ibmtp ", "  - name: docker-credential-ibm "));
        Install(HelperInfo.Name);

        var fact = Run(new KubeletProviderFileCheck(setup)).Single();

        Assert.That(fact.Problem, Is.True);
        Assert.That(fact.Value, Does.StartWith("the provider is named docker-credential-ibm,").And.EndWith($"set name: {HelperInfo.Name}"));
    }

    [Test]
    public void A_provider_in_no_bin_dir_is_a_problem()
    {
        var fact = Run(new KubeletProviderFileCheck(Setup())).Single();

        Assert.That(fact.Problem, Is.True);
        Assert.That(fact.Value, Does.StartWith($"no {HelperInfo.Name} in {BinDir}"));
    }

    [Test]
    public void A_provider_that_is_not_executable_is_a_problem()
    {
        var setup = Setup();
        Install(HelperInfo.Name, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var fact = Run(new KubeletProviderFileCheck(setup)).Single();

        Assert.That(fact.Problem, Is.True);
        Assert.That(fact.Value, Does.EndWith("is not executable: chmod 0755 it"));
    }

    [Test]
    public void The_bin_dir_given_is_the_only_one_looked_in()
    {
        Install(HelperInfo.Name);
        var given = Path.Combine(Home.Root, "other-bin");
        Directory.CreateDirectory(given);

        var fact = Run(new KubeletProviderFileCheck(Setup(binDir: given))).Single();

        Assert.That(fact.Value, Does.StartWith($"no {HelperInfo.Name} in {given}:"));
    }

    [Test]
    public void A_bin_dir_given_that_does_not_exist_is_a_problem()
    {
        var missing = Path.Combine(Home.Root, "missing");

        var fact = Run(new KubeletProviderFileCheck(Setup(binDir: missing))).Single();

        Assert.That(fact.Value, Does.StartWith($"{missing} does not exist"));
    }

    [TestCase("docker-credential ibmtp", "holds a space")]
    [TestCase("bin/docker-credential-ibmtp", "holds a /")]
    [TestCase("..", "is a folder, not a file")]
    public void A_name_the_kubelet_refuses_is_a_problem_that_says_it_does_not_start(string name, string why)
    {
        var setup = Setup(Shipped("  - name: docker-credential-ibmtp ", $"  - name: \"{name}\" "));
        Install(HelperInfo.Name);

        var fact = Run(new KubeletProviderFileCheck(setup)).Single();

        Assert.That(fact.Problem, Is.True);
        Assert.That(fact.Value, Is.EqualTo($"name '{name}' {why}: the kubelet refuses the config and does not start; set name to the provider's file name in the bin dir ({HelperInfo.Name})"));
    }
}
