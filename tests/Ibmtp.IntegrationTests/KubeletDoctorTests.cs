using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published helper's <c>doctor --kubelet</c> on a node set up from packaging/kubernetes/credential-provider-config.yaml:
/// the shipped config, with a node identity (an API key traded with the IAM emulator) in its env, has no
/// problem and the provider in the bin dir answers with a login; each way the config is commonly broken is a
/// problem line and exit 1.
/// </summary>
[TestFixture]
public sealed class KubeletDoctorTests : IamEmulatorFixture
{
    private const string HomeLine = "      - name: HOME\n        value: /var/lib/docker-credential-ibmtp\n";

    private string ConfigPath => Path.Combine(Home.Subdirectory("etc"), "config.yaml");

    /// <summary>The shipped config, its HOME in the test's home, and the node's identity in its env: the builder's API key, traded for the builder profile's token.</summary>
    private string NodeConfig()
    {
        var shipped = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "packaging", "kubernetes", "credential-provider-config.yaml"));
        Assert.That(shipped, Does.Contain(HomeLine));
        return shipped.Replace(HomeLine, $"""
                  - name: HOME
                    value: {Home.Subdirectory("node")}
                  - name: IBMTP_MODE
                    value: token
                  - name: IBMTP_API_KEY
                    value: {World.BuilderApiKey}
                  - name: IBMTP_PROFILE_ID
                    value: {IamWorld.Builder.Id}
                  - name: IBMTP_IAM_URL
                    value: {Iam.BaseUrl}

            """, StringComparison.Ordinal);
    }

    private Task<ProcessResult> DoctorAsync(string config)
    {
        File.WriteAllText(ConfigPath, config);
        return Helper.RunWithArgumentsAsync("doctor", "--kubelet", ConfigPath, "--image-credential-provider-bin-dir", Home.BinDirectory);
    }

    [Test]
    public async Task The_shipped_config_with_a_node_identity_has_no_problem_and_the_provider_answers_with_a_login()
    {
        var doctor = await DoctorAsync(NodeConfig());

        Assert.That(doctor.ExitCode, Is.Zero, doctor.ToString());
        Assert.That(doctor.StandardOutput, Does.Contain($"  kubelet config: ").And.Contain($"{ConfigPath}: provider docker-credential-ibmtp"));
        Assert.That(doctor.StandardOutput, Does.Contain($"kubelet provider: ").And.Contain(Path.Combine(Home.BinDirectory, "docker-credential-ibmtp")));
        Assert.That(doctor.StandardOutput, Does.Contain($"us.icr.io/namespace/app: a login for us.icr.io as {BearerUsername}, kept by the kubelet per Registry for "));
        Assert.That(doctor.StandardOutput, Does.Contain("the kubelet's provider set-up has no problem"));
        Assert.That(doctor.StandardOutput, Does.Not.Contain("! kubelet"));
        Assert.That(doctor.StandardOutput + doctor.StandardError, Does.Not.Contain(World.BuilderApiKey));
    }

    [TestCase("      - \"*.icr.io\"\n", "      - \"*.icr.io/*\"\n", "! kubelet matchImages:", "*.icr.io/*: the kubelet compares a path as text")]
    [TestCase("    apiVersion: credentialprovider.kubelet.k8s.io/v1\n", "    apiVersion: credentialprovider.kubelet.k8s.io/v1beta1\n", "! kubelet apiVersion:", "credentialprovider.kubelet.k8s.io/v1beta1: this provider answers only")]
    [TestCase("  - name: docker-credential-ibmtp ", "  - name: docker-credential-ibm ", "! kubelet provider:", "set name: docker-credential-ibmtp")]
    [TestCase("serviceAccountTokenAudience: iam\n", "serviceAccountTokenAudience: sts.amazonaws.com\n", "! kubelet tokenAttributes:", "IAM takes only tokens for the audience iam")]
    [TestCase("      serviceAccountTokenAudience: iam\n", "", "! kubelet tokenAttributes:", "serviceAccountTokenAudience is missing: the kubelet refuses the config and does not start")]
    [TestCase("        - docker-credential-ibmtp/account-id\n", "        - docker-credential-ibmtp/account-id\n        - docker-credential-ibmtp/account-id\n", "! kubelet tokenAttributes:", "lists docker-credential-ibmtp/account-id twice: the kubelet refuses the config and does not start")]
    public async Task A_broken_config_is_a_problem_line_and_exit_1(string text, string replacement, string fact, string why)
    {
        var config = NodeConfig();
        Assert.That(config, Does.Contain(text));

        var doctor = await DoctorAsync(config.Replace(text, replacement, StringComparison.Ordinal));

        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.ToString());
        Assert.That(doctor.StandardOutput.Split('\n').Where(line => line.StartsWith(fact, StringComparison.Ordinal)), Has.Some.Contains(why), doctor.ToString());
        Assert.That(doctor.StandardOutput, Does.Match(@"the kubelet's provider set-up has \d+ problems?"));
    }

    [Test]
    public async Task The_provider_declared_in_two_files_of_a_config_folder_is_a_problem_and_exit_1()
    {
        var folder = Home.Subdirectory("providers");
        File.WriteAllText(Path.Combine(folder, "10-ibmtp.yaml"), NodeConfig());
        File.WriteAllText(Path.Combine(folder, "20-ibmtp.yaml"), NodeConfig());

        var doctor = await Helper.RunWithArgumentsAsync("doctor", "--kubelet", folder, "--image-credential-provider-bin-dir", Home.BinDirectory);

        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.ToString());
        Assert.That(doctor.StandardOutput, Does.Contain("! kubelet config: ").And.Contain("provider name 'docker-credential-ibmtp' is declared 2 times")
            .And.Contain("the kubelet refuses the config and does not start; keep one entry of that name"));
    }

    [Test]
    public async Task The_answer_says_the_provider_kept_its_files_under_the_config_home()
    {
        var doctor = await DoctorAsync(NodeConfig());

        Assert.That(doctor.StandardOutput, Does.Contain($"the provider keeps its token cache in {Path.Combine(Home.Subdirectory("node"), ".cache", "ibmtp")}"));
        Assert.That(Directory.Exists(Path.Combine(Home.Subdirectory("node"), ".local", "state", "ibmtp")), Is.True, "the run logged where the kubelet's runs log");
    }

    [TestCase("--image", "us.icr.io/namespace/app")]
    [TestCase("--image-credential-provider-bin-dir", "/usr/local/libexec/kubelet-credential-providers")]
    public async Task A_kubelet_option_without_kubelet_is_a_usage_error(string option, string value)
    {
        var doctor = await Helper.RunWithArgumentsAsync("doctor", option, value);

        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.ToString());
        Assert.That(doctor.StandardOutput, Is.Empty);
        Assert.That(doctor.StandardError, Does.StartWith($"docker-credential-ibmtp doctor: {option} means something only with --kubelet"));
    }

    [Test]
    public async Task Without_kubelet_doctor_says_nothing_of_the_kubelet()
    {
        var doctor = await Helper.RunWithArgumentsAsync("doctor", Registry);

        Assert.That(doctor.StandardOutput, Does.Not.Contain("kubelet"));
    }
}
