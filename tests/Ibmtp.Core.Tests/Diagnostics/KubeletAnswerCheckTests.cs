using Ibmtp.Diagnostics;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The kubelet answer check: the provider in the bin dir, run as the kubelet runs it, and what it answers for the image.</summary>
[TestFixture]
public sealed class KubeletAnswerCheckTests : KubeletCheckFixture
{
    private const string Password = "provider-password-4f1c";

    private const string WithProfile = "      - name: HOME\n        value: /var/lib/docker-credential-ibmtp\n";

    /// <summary>A stand-in provider: a login whose user name shows the config's IBMTP_PROFILE_ID and whether this shell's IBMTP_API_KEY reached it.</summary>
    private static readonly string LoginProvider = """
        #!/bin/sh
        read -r request || true
        case "$1 $request" in
          'kubelet {"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/namespace/app"}') ;;
          *) echo "unexpected call: $1 $request" >&2; exit 1 ;;
        esac
        printf '{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderResponse","cacheKeyType":"Registry","cacheDuration":"47m59s","auth":{"us.icr.io":{"username":"%s/%s","password":"PASSWORD"}}}' "$IBMTP_PROFILE_ID" "${IBMTP_API_KEY:-no key}"
        """.Replace("PASSWORD", Password, StringComparison.Ordinal);

    private const string EmptyProvider = """
        #!/bin/sh
        printf '{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderResponse","cacheKeyType":"Registry","auth":{}}'
        """;

    private const string FailingProvider = """
        #!/bin/sh
        echo "IAM rejected the cr-token grant: BXNIM0398E" >&2
        exit 1
        """;

    /// <summary>Said on every answer: the run used the config's HOME, not this shell's, as the kubelet's runs do.</summary>
    private const string FilesUnderConfigHome = "run with the config's env, the provider keeps its token cache in /var/lib/docker-credential-ibmtp/.cache/ibmtp"
        + " and its log in /var/lib/docker-credential-ibmtp/.local/state/ibmtp/ibmtp.log, as under the kubelet (run doctor as root, as the kubelet runs it, so that they are root's)";

    private IReadOnlyList<Fact> RunProvider(string script, string? config = null)
    {
        var setup = Setup(config ?? Shipped(WithProfile, WithProfile + "      - name: IBMTP_PROFILE_ID\n        value: Profile-node\n"));
        var path = Home.WriteFile(Path.Combine(BinDir, HelperInfo.Name), script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Run(new KubeletAnswerCheck(setup, Home.Environment));
    }

    [Test]
    public void A_login_is_described_by_its_user_and_cache_never_its_password()
    {
        // The shell doctor runs in may hold an API key; the kubelet's provider never sees it.
        System.Environment.SetEnvironmentVariable("IBMTP_API_KEY", "this-shell-key");
        Home.Variables["IBMTP_API_KEY"] = "this-shell-key";
        Fact fact;
        try
        {
            fact = RunProvider(LoginProvider).Single();
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("IBMTP_API_KEY", null);
        }

        Assert.That(fact, Is.EqualTo(new Fact("kubelet answer", $"us.icr.io/namespace/app: a login for us.icr.io as Profile-node/no key, kept by the kubelet per Registry for 47m59s; {FilesUnderConfigHome}")));
        Assert.That(fact.Value, Does.Not.Contain(Password));
    }

    [Test]
    public void A_failing_provider_is_a_problem_with_its_own_words()
    {
        var fact = RunProvider(FailingProvider).Single();

        Assert.That(fact.Problem, Is.True);
        Assert.That(fact.Value, Is.EqualTo($"us.icr.io/namespace/app: the provider failed (exit 1): IAM rejected the cr-token grant: BXNIM0398E; {FilesUnderConfigHome}"));
    }

    [Test]
    public void Nothing_from_a_node_identity_config_is_a_problem()
    {
        var nodeOnly = Shipped("    tokenAttributes:\n", "    unused:\n");

        var fact = RunProvider(EmptyProvider, nodeOnly).Single();

        Assert.That(fact.Problem, Is.True);
        Assert.That(fact.Value, Does.Contain("no node identity in the config's env"));
    }

    [Test]
    public void Nothing_for_a_pod_without_a_profile_is_no_problem_when_pods_bring_their_own()
    {
        var fact = RunProvider(EmptyProvider).Single();

        Assert.That(fact.Problem, Is.False);
        Assert.That(fact.Value, Does.Contain("annotated service accounts pull as their profile"));
    }

    [Test]
    public void An_answer_the_kubelet_cannot_read_is_a_problem()
    {
        var fact = RunProvider("#!/bin/sh\necho 'not json'\n").Single();

        Assert.That(fact.Problem, Is.True);
        Assert.That(fact.Value, Does.Contain("no CredentialProviderResponse"));
    }

    [Test]
    public void Without_a_HOME_in_the_config_the_answer_says_the_provider_keeps_no_files()
    {
        var fact = RunProvider(LoginProvider, Shipped(WithProfile, "      - name: IBMTP_PROFILE_ID\n        value: Profile-node\n")).Single();

        Assert.That(fact.Value, Does.EndWith("; run with the config's env, the provider keeps no token cache and no log, as under the kubelet (run doctor as root, as the kubelet runs it, so that they are root's)"));
    }
}
