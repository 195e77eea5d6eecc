using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Proves <see cref="KubeletPluginRunner"/> judges a provider as the kubelet does, with a scripted provider
/// that records what it was given and answers whatever the test wrote: a harness that let these through would
/// let a broken helper through too.
/// </summary>
[TestFixture]
public sealed class KubeletPluginRunnerTests
{
    private const string Image = "us.icr.io/ci/app:1";
    private const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6Y2k6YnVpbGRlciJ9.c2ln";
    private const string ProviderName = "scripted-provider";

    private static readonly KubeletServiceAccount Pod = new(Token, new Dictionary<string, string>
    {
        [KubeletServiceAccount.ProfileId] = "Profile-1",
        ["unrelated.example.com/owner"] = "ci",
    });

    private TempDirectory directory = null!;

    [SetUp]
    public void WriteScriptedProvider()
    {
        directory = new TempDirectory("ibmtp-kubelet-harness");
        var script = Path.Combine(directory.Path, ProviderName);
        File.WriteAllText(script, """
            #!/bin/sh
            cat > "$SCRIPTED/request.json"
            env > "$SCRIPTED/environment"
            printf '%s\n' "$@" > "$SCRIPTED/arguments"
            cat "$SCRIPTED/response.json"
            exit "${SCRIPTED_EXIT:-0}"
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [TearDown]
    public void RemoveScriptedProvider() => directory.Dispose();

    [Test]
    public async Task The_request_goes_on_stdin_with_the_kubelets_environment_and_the_configs_env_on_top()
    {
        Answer(Response());

        var outcome = await Kubelet(env: [("FROM_CONFIG", "config"), ("SHARED", "config")]).ProvideAsync(Image, Pod);

        var request = JsonNode.Parse(File.ReadAllText(Recorded("request.json")))!.AsObject();
        var environment = File.ReadAllLines(Recorded("environment"));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Accepted, outcome.ToString());
            Assert.That(request.Select(field => field.Key), Is.EqualTo(new[] { "kind", "apiVersion", "image", "serviceAccountToken", "serviceAccountAnnotations" }));
            Assert.That(request["image"]!.GetValue<string>(), Is.EqualTo(Image));
            Assert.That(request["serviceAccountToken"]!.GetValue<string>(), Is.EqualTo(Token));
            Assert.That(request["serviceAccountAnnotations"]!.ToJsonString(), Is.EqualTo("""{"docker-credential-ibmtp/profile-id":"Profile-1"}"""), "only the annotation keys the config names");
            Assert.That(environment, Does.Contain("FROM_KUBELET=kubelet").And.Contain("FROM_CONFIG=config").And.Contain("SHARED=config").And.Not.Contain("SHARED=kubelet"));
            Assert.That(File.ReadAllLines(Recorded("arguments")), Is.EqualTo(new[] { "kubelet" }));
        });
    }

    [Test]
    public async Task Without_token_attributes_no_token_is_sent()
    {
        Answer(Response());

        await Kubelet(sendsServiceAccountTokens: false).ProvideAsync(Image, Pod);

        var request = JsonNode.Parse(File.ReadAllText(Recorded("request.json")))!.AsObject();
        Assert.That(request.Select(field => field.Key), Is.EqualTo(new[] { "kind", "apiVersion", "image" }));
    }

    public static IEnumerable<TestCaseData> ResponsesTheKubeletDrops()
    {
        yield return new TestCaseData(Response(extra: ("serviceAccountTokenCacheType", "ServiceAccount"))).SetArgDisplayNames("an unknown field");
        yield return new TestCaseData(Response().Replace("\"cacheKeyType\"", "\"CacheKeyType\"")).SetArgDisplayNames("a field in the wrong case");
        yield return new TestCaseData(Response().Replace("\"auth\"", "\"kind\":\"CredentialProviderResponse\",\"auth\"")).SetArgDisplayNames("a repeated field");
        yield return new TestCaseData(Response(apiVersion: "credentialprovider.kubelet.k8s.io/v1beta1")).SetArgDisplayNames("another apiVersion");
        yield return new TestCaseData(Response(kind: "CredentialProviderRequest")).SetArgDisplayNames("another kind");
        yield return new TestCaseData(Response(cacheKeyType: "Host")).SetArgDisplayNames("an invalid cacheKeyType");
        yield return new TestCaseData(Response(cacheKeyType: null)).SetArgDisplayNames("no cacheKeyType");
        yield return new TestCaseData(Response(cacheDuration: "45 minutes")).SetArgDisplayNames("an unparsable cacheDuration");
        yield return new TestCaseData("{\"auth\":").SetArgDisplayNames("no JSON");
    }

    [TestCaseSource(nameof(ResponsesTheKubeletDrops))]
    public async Task The_kubelet_drops_a_response_its_strict_decoder_or_checks_refuse(string response)
    {
        Answer(response);

        var outcome = await Kubelet().ProvideAsync(Image);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Accepted, Is.False, outcome.ToString());
            Assert.That(outcome.CredentialsFor(Image), Is.Empty);
        });
    }

    [TestCase(KubeletTokenAttributes.ServiceAccountCache, false)]
    [TestCase(KubeletTokenAttributes.TokenCache, true)]
    public async Task An_echoed_service_account_token_is_accepted_only_under_the_token_cache_type(string cacheType, bool accepted)
    {
        Answer(Response(auth: new() { ["us.icr.io"] = ("iambearer", Token) }));

        var outcome = await Kubelet(tokenAttributes: new KubeletTokenAttributes { CacheType = cacheType }).ProvideAsync(Image, Pod);

        Assert.That(outcome.Accepted, Is.EqualTo(accepted), outcome.ToString());
    }

    [Test]
    public async Task A_provider_that_fails_gives_the_kubelet_nothing()
    {
        Answer(Response());

        var outcome = await Kubelet(env: [("SCRIPTED_EXIT", "1")]).ProvideAsync(Image);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Accepted, Is.False, outcome.ToString());
            Assert.That(outcome.CredentialsFor(Image), Is.Empty);
        });
    }

    [Test]
    public async Task An_image_outside_match_images_never_runs_the_provider()
    {
        var outcome = await Kubelet().ProvideAsync("quay.io/team/app:1");

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Process, Is.Null);
            Assert.That(File.Exists(Recorded("request.json")), Is.False);
        });
    }

    [TestCase(null, 600)]
    [TestCase("0s", 0)]
    [TestCase("48m0s", 2880)]
    [TestCase("1h2m3.5s", 3723.5)]
    public async Task Cache_duration_is_the_responses_or_else_the_configs_default(string? cacheDuration, double seconds)
    {
        Answer(Response(cacheDuration: cacheDuration));

        var outcome = await Kubelet().ProvideAsync(Image);

        Assert.That(outcome.CachedFor, Is.EqualTo(TimeSpan.FromSeconds(seconds)), outcome.ToString());
    }

    [TestCase("us.icr.io/ci/app:1", "wildcard")]
    [TestCase("private.us.icr.io/ci/app:1")]
    [TestCase("127.0.0.1:5000/ci/app:1", "port")]
    [TestCase("127.0.0.1:5001/ci/app:1")]
    [TestCase("quay.io/team/app:1", "path")]
    [TestCase("quay.io/other/app:1")]
    public async Task Auth_keys_match_images_by_labels_port_and_path_prefix(string image, string? matchingUser = null)
    {
        Answer(Response(auth: new()
        {
            ["*.icr.io"] = ("wildcard", "1"),
            ["127.0.0.1:5000"] = ("port", "2"),
            ["https://quay.io/v2/team"] = ("path", "3"),
        }));

        var outcome = await Kubelet(matchImages: ["*.icr.io", "*.*.icr.io", "127.0.0.1:5000", "127.0.0.1:5001", "quay.io"]).ProvideAsync(image);

        Assert.That(outcome.CredentialsFor(image).Select(login => login.Username), Is.EqualTo(matchingUser is null ? Array.Empty<string>() : [matchingUser]), outcome.ToString());
    }

    private KubeletPluginRunner Kubelet(
        IReadOnlyList<string>? matchImages = null,
        IReadOnlyList<(string Name, string Value)>? env = null,
        KubeletTokenAttributes? tokenAttributes = null,
        bool sendsServiceAccountTokens = true) =>
        new(
            directory.Path,
            new KubeletCredentialProvider
            {
                Name = ProviderName,
                MatchImages = matchImages ?? ["*.icr.io"],
                Env = env ?? [],
                TokenAttributes = sendsServiceAccountTokens ? tokenAttributes ?? new KubeletTokenAttributes() : null,
            },
            new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["SCRIPTED"] = directory.Path, ["FROM_KUBELET"] = "kubelet", ["SHARED"] = "kubelet" });

    private void Answer(string response) => File.WriteAllText(Recorded("response.json"), response);

    private string Recorded(string name) => Path.Combine(directory.Path, name);

    private static string Response(
        string apiVersion = KubeletCredentialProvider.V1,
        string kind = "CredentialProviderResponse",
        string? cacheKeyType = "Registry",
        string? cacheDuration = null,
        Dictionary<string, (string Username, string Password)>? auth = null,
        (string Name, string Value)? extra = null)
    {
        var response = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        if (cacheKeyType is not null)
        {
            response["cacheKeyType"] = cacheKeyType;
        }

        if (cacheDuration is not null)
        {
            response["cacheDuration"] = cacheDuration;
        }

        var logins = new JsonObject();
        foreach (var (key, (username, password)) in auth ?? new() { ["us.icr.io"] = ("iambearer", "access-token") })
        {
            logins[key] = new JsonObject { ["username"] = username, ["password"] = password };
        }

        response["auth"] = logins;
        if (extra is var (name, value))
        {
            response[name] = value;
        }

        return response.ToJsonString();
    }
}
