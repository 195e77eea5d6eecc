using System.Text.Json;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Frontends.Kubelet;

[TestFixture]
public sealed class KubeletCommandTests : TempHomeFixture
{
    private const string ApiKey = "kubelet-node-api-key-0123456789abcdef";

    private HelperResult Kubelet(string request) => HelperRun.Run(Home, "kubelet", request);

    private static JsonElement Response(HelperResult result)
    {
        Assert.That(result.ExitCode, Is.Zero, $"stderr: {result.Stderr}");
        Assert.That(result.Stderr, Is.Empty);
        return JsonDocument.Parse(result.Stdout).RootElement;
    }

    [Test]
    public void An_API_key_on_the_node_answers_for_the_images_registry_with_the_configured_cache_duration()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_KUBELET_CACHE_DURATION"] = "45m";

        var response = Response(Kubelet(KubeletRequests.For("us.icr.io/team/app:1.2")));

        Assert.That(response.GetProperty("apiVersion").GetString(), Is.EqualTo(KubeletRequests.ApiVersion));
        Assert.That(response.GetProperty("kind").GetString(), Is.EqualTo("CredentialProviderResponse"));
        Assert.That(response.GetProperty("cacheKeyType").GetString(), Is.EqualTo("Registry"));
        Assert.That(response.GetProperty("cacheDuration").GetString(), Is.EqualTo("45m0s"));
        var auth = response.GetProperty("auth");
        Assert.That(auth.EnumerateObject().Select(entry => entry.Name), Is.EqualTo(new[] { "us.icr.io" }));
        Assert.That(auth.GetProperty("us.icr.io").GetProperty("username").GetString(), Is.EqualTo("iamapikey"));
        Assert.That(auth.GetProperty("us.icr.io").GetProperty("password").GetString(), Is.EqualTo(ApiKey));
    }

    [Test]
    public void An_API_key_is_kept_by_the_kubelet_for_an_hour_by_default()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        var response = Response(Kubelet(KubeletRequests.For("de.icr.io/team/app@sha256:" + new string('a', 64))));

        Assert.That(response.GetProperty("cacheDuration").GetString(), Is.EqualTo("1h0m0s"));
        Assert.That(response.GetProperty("auth").TryGetProperty("de.icr.io", out _), Is.True);
    }

    [TestCase("docker.io/library/nginx:1")]
    [TestCase("nginx")]
    [TestCase("us.icr.io.evil.example/team/app")]
    [TestCase("quay.io/team/app")]
    public void An_image_on_a_host_not_served_gets_an_empty_auth_and_exit_0(string image)
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;

        var response = Response(Kubelet(KubeletRequests.For(image)));

        Assert.That(response.GetProperty("auth").EnumerateObject(), Is.Empty);
    }

    /// <summary>
    /// The kubelet kills a provider after a minute, so the provider's own deadline stops at 50 s whatever
    /// IBMTP_TIMEOUT says. Shown without waiting for it: IAM asks for a retry after 55 s, which a deadline
    /// of 50 s cannot fit, so the provider gives up at once and names its deadline.
    /// </summary>
    [TestCase("3600", 50)]
    [TestCase("30", 30)]
    public void IBMTP_TIMEOUT_is_capped_below_the_kubelets_minute(string timeout, int deadlineSeconds)
    {
        using var iam = TokenModeAgainstAnIamThatAsksToWait(timeout);

        var kubelet = Task.Run(() => Kubelet(KubeletRequests.For("us.icr.io/team/app")));

        Assert.That(kubelet.Wait(TimeSpan.FromSeconds(20)), Is.True, "the provider gave up at once rather than wait for the retry");
        Assert.That(kubelet.Result.ExitCode, Is.EqualTo(1));
        Assert.That(kubelet.Result.Stderr, Does.Contain($"(deadline {deadlineSeconds} s)"));
    }

    [Test]
    public void When_the_kubelets_cap_ends_the_wait_the_line_says_so_rather_than_to_raise_IBMTP_TIMEOUT()
    {
        using var iam = TokenModeAgainstAnIamThatAsksToWait(timeout: "3600");

        var stderr = Kubelet(KubeletRequests.For("us.icr.io/team/app")).Stderr;

        Assert.That(stderr, Does.EndWith("(deadline 50 s); the kubelet's cap of 50 s ended the wait, not IBMTP_TIMEOUT: the kubelet kills a provider after a minute, so a longer IBMTP_TIMEOUT cannot help; check that this node reaches IAM, and the kubelet tries again at its next pull\n"));
    }

    [Test]
    public void When_IBMTP_TIMEOUT_ends_the_wait_the_line_says_to_raise_it()
    {
        using var iam = TokenModeAgainstAnIamThatAsksToWait(timeout: "30");

        var stderr = Kubelet(KubeletRequests.For("us.icr.io/team/app")).Stderr;

        Assert.That(stderr, Does.EndWith("(deadline 30 s); try again later, or raise IBMTP_TIMEOUT\n"));
    }

    [Test]
    public void Nothing_for_the_node_or_the_pod_gets_an_empty_auth_so_the_kubelet_uses_pull_secrets()
    {
        var response = Response(Kubelet(KubeletRequests.For("us.icr.io/team/app")));

        Assert.That(response.GetProperty("auth").EnumerateObject(), Is.Empty);
    }

    [Test]
    public void The_keystore_is_never_read_in_kubelet_mode()
    {
        HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "iamapikey", "a-login-from-docker-login"));

        var response = Response(Kubelet(KubeletRequests.For("us.icr.io/team/app")));

        Assert.That(response.GetProperty("auth").EnumerateObject(), Is.Empty);
    }

    [Test]
    public void Unknown_fields_are_ignored_as_the_kubelets_decoder_ignores_them()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        var request = KubeletRequests.For("us.icr.io/team/app").Replace("{", """{"futureField":{"nested":[1,2]},""");

        var response = Response(Kubelet(request));

        Assert.That(response.GetProperty("auth").TryGetProperty("us.icr.io", out _), Is.True);
    }

    [Test]
    public void The_last_of_a_repeated_field_wins_as_in_the_decoder_it_replaces()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        var request = KubeletRequests.For("us.icr.io/team/app").Replace("{", """{"image":"quay.io/other/app",""");

        var response = Response(Kubelet(request));

        Assert.That(response.GetProperty("auth").TryGetProperty("us.icr.io", out _), Is.True);
    }

    [TestCase("not json", "not a CredentialProviderRequest")]
    [TestCase("null", "not a CredentialProviderRequest")]
    [TestCase("""{"apiVersion":"credentialprovider.kubelet.k8s.io/v1beta1","kind":"CredentialProviderRequest","image":"us.icr.io/a"}""", "apiVersion")]
    [TestCase("""{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderResponse","image":"us.icr.io/a"}""", "kind")]
    [TestCase("""{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest"}""", "no image")]
    [TestCase("""{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":""}""", "no image")]
    [TestCase("[]", "not a CredentialProviderRequest")]
    [TestCase("""{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":5}""", "$.image")]
    [TestCase("""{"apiVersion":1,"kind":"CredentialProviderRequest","image":"us.icr.io/a"}""", "$.apiVersion")]
    [TestCase("""{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/a","serviceAccountToken":{}}""", "$.serviceAccountToken")]
    [TestCase("""{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/a","serviceAccountAnnotations":[]}""", "$.serviceAccountAnnotations")]
    [TestCase("""{"apiVersion":"credentialprovider.kubelet.k8s.io/v1","kind":"CredentialProviderRequest","image":"us.icr.io/a","serviceAccountAnnotations":{"a":1}}""", "$.serviceAccountAnnotations.a")]
    public void A_bad_request_is_one_line_on_stderr_with_exit_1_and_nothing_on_stdout(string request, string named)
    {
        var result = Kubelet(request);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(result.Stderr.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain(named).And.Not.Contain("   at "));
    }

    [Test]
    public void A_request_larger_than_any_the_kubelet_sends_is_refused()
    {
        var result = HelperRun.Run(Home, ["kubelet"], new byte[1024 * 1024]);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(result.Stderr.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Does.Contain("more than"));
    }

    [Test]
    public void A_service_account_without_a_profile_annotation_pulls_as_the_node_and_says_so_in_the_debug_log()
    {
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_LOG_LEVEL"] = "debug";
        var request = KubeletRequests.For("us.icr.io/team/app", "sa-token-unannotated.payload.signature", new() { ["team"] = "builders" });

        var response = Response(Kubelet(request));

        Assert.That(response.GetProperty("auth").GetProperty("us.icr.io").GetProperty("password").GetString(), Is.EqualTo(ApiKey));
        var log = File.ReadAllText(Path.Combine(Home.Paths.StateFolder, "ibmtp.log"));
        Assert.That(log, Does.Contain("[DBG]").And.Contain("names no trusted profile").And.Contain("node's identity"));
    }

    /// <summary>Token mode against an IAM that answers 503 and asks for 55 s: longer than the kubelet's cap allows.</summary>
    private UnavailableIam TokenModeAgainstAnIamThatAsksToWait(string timeout)
    {
        var iam = new UnavailableIam(retryAfter: TimeSpan.FromSeconds(55));
        Home.Variables["IBMTP_MODE"] = "token";
        Home.Variables["IBMTP_API_KEY"] = ApiKey;
        Home.Variables["IBMTP_IAM_URL"] = iam.Url;
        Home.Variables["IBMTP_TIMEOUT"] = timeout;
        return iam;
    }
}
