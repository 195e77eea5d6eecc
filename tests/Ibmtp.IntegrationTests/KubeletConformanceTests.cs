using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published helper as the kubelet's image credential provider, run and judged by <see cref="KubeletPluginRunner"/>
/// the way the kubelet runs and judges it: every answer here is one the kubelet keeps and uses.
/// </summary>
[TestFixture]
public sealed class KubeletConformanceTests : KubeletFixture
{
    [Test]
    public async Task The_kubelet_accepts_the_nodes_login_for_an_ICR_image()
    {
        UseTokenMode(IamWorld.Builder.Id);

        var outcome = await Kubelet().ProvideAsync(IcrImage);

        var login = outcome.SingleCredentialFor(IcrImage);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Response!.ApiVersion, Is.EqualTo(KubeletCredentialProvider.V1));
            Assert.That(outcome.Response.CacheKeyType, Is.EqualTo("Registry"));
            Assert.That(outcome.CacheKey, Is.EqualTo(Registry));
            Assert.That(outcome.Response.Auth.Keys, Is.EqualTo(new[] { Registry }));
            Assert.That(login.Username, Is.EqualTo(BearerUsername));
            Assert.That(EmulatorToken.Subject(login.Password), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(outcome.Process!.StandardError, Is.Empty);
        });
    }

    [TestCase(KubeletTokenAttributes.ServiceAccountCache)]
    [TestCase(KubeletTokenAttributes.TokenCache)]
    public async Task The_kubelet_accepts_a_pods_login_under_either_cache_type(string cacheType)
    {
        var pod = KubeletServiceAccount.PullingAs(Iam, IamWorld.BuilderPods, IamWorld.Builder);

        var outcome = await Kubelet(cacheType: cacheType).ProvideAsync(IcrImage, pod);

        var login = outcome.SingleCredentialFor(IcrImage);
        Assert.Multiple(() =>
        {
            Assert.That(login.Password, Is.Not.EqualTo(pod.Token), "the kubelet drops a response that echoes the token");
            Assert.That(EmulatorToken.Subject(login.Password), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Origin(login.Password), Is.EqualTo(GrantTypes.ComputeResourceToken));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.CrTokenExchanges(1)));
        });
    }

    [Test]
    public async Task The_service_account_token_never_leaves_the_provider()
    {
        UseTokenMode(IamWorld.Builder.Id);
        var trusted = KubeletServiceAccount.PullingAs(Iam, IamWorld.BuilderPods, IamWorld.Builder);
        var refused = KubeletServiceAccount.PullingAs(Iam, IamWorld.BuilderPods, IamWorld.Deployer);
        var kubelet = Kubelet();

        var accepted = await kubelet.ProvideAsync(IcrImage, trusted);
        var failed = await kubelet.ProvideAsync(IcrImage, refused);

        Assert.That(accepted.Accepted, accepted.ToString());
        Assert.That(failed.Process!.ExitCode, Is.EqualTo(1), failed.ToString());
        Assert.That(Home.ReadLog(), Does.Contain("cr-token"), "the debug log must have recorded both calls for the scan to mean anything");
        foreach (var token in new[] { trusted.Token, refused.Token })
        {
            Assert.Multiple(() =>
            {
                foreach (var run in new[] { accepted.Process!, failed.Process! })
                {
                    Assert.That(run.StandardOutput, Does.Not.Contain(token));
                    Assert.That(run.StandardError, Does.Not.Contain(token));
                }

                Assert.That(Home.ReadLog(), Does.Not.Contain(token));
                Assert.That(Home.FilesContainingSecret(token), Is.Empty);
            });
        }
    }

    /// <summary>
    /// The kubelet keeps a new token until it would have 15 minutes left (half its life, under 30 minutes
    /// in all), and lets it go then. The life left when it does is judged on the emulator's token, whose
    /// expiry is in whole seconds; the cache duration is in whole seconds too, and the token was issued
    /// during the run, so the duration may fall short of the full span by the run's length and a second.
    /// </summary>
    [TestCase(60, 15.0)]
    [TestCase(20, 10.0)]
    [TestCase(5, 2.5)]
    public async Task The_kubelet_keeps_a_token_until_it_would_have_less_than_the_least_life_left(int lifetimeMinutes, double leastLeftMinutes)
    {
        var lifetime = TimeSpan.FromMinutes(lifetimeMinutes);
        var leastLeft = TimeSpan.FromMinutes(leastLeftMinutes);
        Iam.TokenLifetime = lifetime;
        var pod = KubeletServiceAccount.PullingAs(Iam, IamWorld.BuilderPods, IamWorld.Builder);

        var outcome = await Kubelet().ProvideAsync(IcrImage, pod);

        Assert.That(outcome.Accepted, outcome.ToString());
        var leftWhenDropped = EmulatorToken.ExpiresAt(outcome.SingleCredentialFor(IcrImage).Password) - (Iam.UtcNow + outcome.CachedFor);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.CachedFor, Is.InRange(lifetime - leastLeft - outcome.Elapsed - TimeSpan.FromSeconds(1), lifetime - leastLeft));
            Assert.That(leftWhenDropped, Is.GreaterThanOrEqualTo(leastLeft - TimeSpan.FromSeconds(1)));
        });
    }

    [Test]
    public async Task Without_the_profile_annotation_the_pod_pulls_as_the_node()
    {
        UseTokenMode(IamWorld.Deployer.Id);
        var pod = KubeletServiceAccount.Of(Iam, IamWorld.BuilderPods, ("team", "ci"));

        var outcome = await Kubelet().ProvideAsync(IcrImage, pod);

        var login = outcome.SingleCredentialFor(IcrImage);
        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(login.Password), Is.EqualTo(IamWorld.Deployer.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)), "the node's exchange, and no cr-token grant");
        });
    }

    [Test]
    public async Task With_neither_a_profile_annotation_nor_a_node_identity_the_kubelet_falls_back_to_pull_secrets()
    {
        var pod = KubeletServiceAccount.Of(Iam, IamWorld.BuilderPods, ("team", "ci"));

        var outcome = await Kubelet().ProvideAsync(IcrImage, pod);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Accepted, outcome.ToString());
            Assert.That(outcome.Response?.Auth, Is.Empty, "an empty auth sends the kubelet on to the pod's image pull secrets");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    [Test]
    public async Task An_image_on_a_host_not_served_gets_empty_auth_without_calling_IAM()
    {
        UseTokenMode(IamWorld.Builder.Id);
        const string image = "quay.io/team/app:1";
        var pod = KubeletServiceAccount.PullingAs(Iam, IamWorld.BuilderPods, IamWorld.Builder);

        var outcome = await Kubelet(matchImages: [.. IcrMatchImages, "quay.io"]).ProvideAsync(image, pod);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Process?.ExitCode, Is.EqualTo(0), outcome.ToString());
            Assert.That(outcome.Accepted, outcome.ToString());
            Assert.That(outcome.Response?.Auth, Is.Empty);
            Assert.That(outcome.CredentialsFor(image), Is.Empty);
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    /// <summary>
    /// A kubelet started by systemd has no HOME. The token cache only saves IAM calls, so without a cache
    /// folder the provider still answers, without caching; with XDG_CACHE_HOME in the config's env it caches there.
    /// </summary>
    [Test]
    public async Task Under_systemd_without_home_the_provider_answers_and_caches_only_where_the_configs_env_says()
    {
        UseTokenMode(IamWorld.Builder.Id);
        var cacheFolder = Home.Subdirectory("var", "cache");

        var withoutFolder = await KubeletStartedBySystemd().ProvideAsync(IcrImage);
        var withFolder = await KubeletStartedBySystemd(("XDG_CACHE_HOME", cacheFolder)).ProvideAsync(IcrImage);

        Assert.Multiple(() =>
        {
            Assert.That(withoutFolder.SingleCredentialFor(IcrImage).Username, Is.EqualTo(BearerUsername), withoutFolder.ToString());
            Assert.That(withFolder.SingleCredentialFor(IcrImage).Username, Is.EqualTo(BearerUsername));
            Assert.That(Directory.EnumerateFiles(cacheFolder, "*", SearchOption.AllDirectories), Is.Not.Empty, "the token is cached there");
        });
    }

    /// <summary>
    /// The kubelet kills a provider after a minute, so the provider's own deadline stops at 50 s whatever
    /// IBMTP_TIMEOUT says. Shown without waiting for it: IAM answers 503 asking for a retry after 55 s, which a
    /// 50 s deadline cannot fit, so the provider gives up at once and names its deadline.
    /// </summary>
    [TestCase("3600", 50)]
    [TestCase("30", 30)]
    public async Task Ibmtp_timeout_is_capped_below_the_kubelets_minute(string timeout, int deadlineSeconds)
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(("IBMTP_TIMEOUT", timeout));
        Iam.FailNext(503, retryAfter: TimeSpan.FromSeconds(55));

        var outcome = await Kubelet().ProvideAsync(IcrImage);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Process?.ExitCode, Is.EqualTo(1), outcome.ToString());
            Assert.That(outcome.Process?.StandardError, Does.Contain($"(deadline {deadlineSeconds} s)"));
            Assert.That(outcome.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        });
    }
}
