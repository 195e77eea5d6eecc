using System.Diagnostics;
using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A pod's image pull from end to end: the kubelet runs the published helper (<see cref="KubeletPluginRunner"/>),
/// the IAM emulator trades the pod's service-account token (or the node's identity) for a trusted profile's
/// token, and the container runtime's pull, with the login from the response, is accepted by a docker-registry
/// in token-auth mode that takes only live IAM tokens, as ICR does.
/// </summary>
[TestFixture]
public sealed class KubeletEndToEndTests : KubeletFixture
{
    private readonly SharedRegistry registry = new();
    private OciImage pushed = null!;

    private RegistryServer Server => registry.Server;

    private string Image => $"{Server.Host}/kubelet/app:v1";

    [OneTimeSetUp]
    public async Task StartRegistryWithAnImageAsync()
    {
        // Started after the emulator (the base fixture's [OneTimeSetUp]), whose token server it sends clients to.
        await registry.StartAsync(() => RegistryServer.StartWithTokenAuthAsync(Iam.RegistryTokenRealm, Iam.RegistryTokenIssuer, Iam.RegistryCertificatePemPath));
        using var pusher = new TestHome();
        UseEmulator(pusher, Iam);
        pusher.Environment["IBMTP_REGISTRIES"] = Server.Host;
        pusher.Environment["IBMTP_MODE"] = "token";
        pusher.Environment["IBMTP_API_KEY"] = World.BuilderApiKey;
        pusher.Environment["IBMTP_PROFILE_ID"] = IamWorld.Builder.Id;
        pusher.WriteContainersAuth(Server.Host);
        pushed = OciImage.Write(pusher.Subdirectory("layout"), "v1", "pulled by a pod through docker-credential-ibmtp kubelet\n");
        var push = await new Skopeo(pusher).PushAsync(pushed, Image);
        Assert.That(push.Succeeded, $"{push}\n{Server.Log}");
    }

    [OneTimeTearDown]
    public async Task StopRegistryAsync() => await registry.DisposeAsync();

    [SetUp]
    public void ServeTheRegistry() => Set(("IBMTP_REGISTRIES", Server.Host));

    public static IEnumerable<TestCaseData> ProfileAnnotations()
    {
        yield return new TestCaseData((object)new[] { (KubeletServiceAccount.ProfileId, IamWorld.Builder.Id) }).SetArgDisplayNames("profile-id");
        yield return new TestCaseData((object)new[] { (KubeletServiceAccount.ProfileCrn, IamWorld.Builder.Crn) }).SetArgDisplayNames("profile-crn");
        yield return new TestCaseData((object)new[] { (KubeletServiceAccount.ProfileName, IamWorld.Builder.Name), (KubeletServiceAccount.AccountId, IamWorld.AccountId) })
            .SetArgDisplayNames("profile-name and account-id");
        // The cr-token grant takes a name alone and looks it up in the cluster's account, though "builder" is a name in two accounts.
        yield return new TestCaseData((object)new[] { (KubeletServiceAccount.ProfileName, IamWorld.Builder.Name) }).SetArgDisplayNames("profile-name alone");
    }

    [TestCaseSource(nameof(ProfileAnnotations))]
    public async Task A_pod_pulls_as_the_trusted_profile_its_service_account_names((string Key, string Value)[] annotations)
    {
        var pod = KubeletServiceAccount.Of(Iam, IamWorld.BuilderPods, annotations);

        var outcome = await Kubelet([Server.Host]).ProvideAsync(Image, pod);
        var login = outcome.SingleCredentialFor(Image);
        var pull = await PullAsync(login);

        Assert.Multiple(() =>
        {
            Assert.That(pull.Succeeded, $"{pull}\n{Server.Log}");
            Assert.That(pull.StandardOutput, Does.Contain(pushed.ManifestDigest));
            Assert.That(EmulatorToken.Subject(login.Password), Is.EqualTo(IamWorld.Builder.Id), "the registry took the login of the profile");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.CrTokenExchanges(1)));
        });
    }

    [Test]
    public async Task A_service_account_the_profile_does_not_trust_is_refused()
    {
        UseTokenMode(IamWorld.Builder.Id);
        // The same namespace and name as a trusted account, in another cluster.
        var pod = KubeletServiceAccount.PullingAs(Iam, IamWorld.BuilderPodsElsewhere, IamWorld.Builder);

        var outcome = await Kubelet([Server.Host]).ProvideAsync(Image, pod);
        var pull = await new Skopeo(Home).InspectAnonymouslyAsync(Image);

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Process?.ExitCode, Is.EqualTo(1), outcome.ToString());
            Assert.That(outcome.Process?.StandardError, Does.Contain("trusted"), outcome.ToString());
            Assert.That(outcome.Process?.StandardError.TrimEnd('\n'), Does.Not.Contain('\n'), "one line on stderr");
            Assert.That(outcome.Process?.StandardOutput, Is.Empty, "stdout carries only a valid response");
            Assert.That(outcome.CredentialsFor(Image), Is.Empty);
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.CrTokenExchanges(1)), "refused by IAM; the node's identity is not used instead");
            Assert.That(pull.Succeeded, Is.False, "without the provider's login the runtime pulls anonymously, and is refused");
        });
    }

    [Test]
    public async Task Two_service_accounts_get_two_different_tokens()
    {
        var builder = KubeletServiceAccount.PullingAs(Iam, IamWorld.BuilderPods, IamWorld.Builder);
        var deployer = KubeletServiceAccount.PullingAs(Iam, IamWorld.DeployerPods, IamWorld.Deployer);
        var kubelet = Kubelet([Server.Host]);

        var builderLogin = (await kubelet.ProvideAsync(Image, builder)).SingleCredentialFor(Image);
        var deployerLogin = (await kubelet.ProvideAsync(Image, deployer)).SingleCredentialFor(Image);
        var builderPull = await PullAsync(builderLogin);
        var deployerPull = await PullAsync(deployerLogin);

        Assert.Multiple(() =>
        {
            Assert.That(builderLogin.Password, Is.Not.EqualTo(deployerLogin.Password));
            Assert.That(EmulatorToken.Subject(builderLogin.Password), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Subject(deployerLogin.Password), Is.EqualTo(IamWorld.Deployer.Id));
            Assert.That(builderPull.Succeeded, $"{builderPull}\n{Server.Log}");
            Assert.That(deployerPull.Succeeded, $"{deployerPull}\n{Server.Log}");
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.CrTokenExchanges(2)));
        });
    }

    /// <summary>
    /// The kubelet merges only identical requests; pulls of different images by pods of one service account each
    /// run the provider. Those runs share the helper's token cache, keyed by the token they were handed.
    /// </summary>
    [Test]
    public async Task Thirty_two_concurrent_provider_runs_for_one_service_account_make_one_IAM_exchange()
    {
        const int runs = 32;
        var pod = KubeletServiceAccount.PullingAs(Iam, IamWorld.BuilderPods, IamWorld.Builder);
        var kubelet = Kubelet([Server.Host]);
        var images = Enumerable.Range(0, runs).Select(run => $"{Server.Host}/kubelet/app{run}:v1").ToList();
        var clock = Stopwatch.StartNew();

        var outcomes = await Task.WhenAll(images.Select(image => kubelet.ProvideAsync(image, pod)));

        var elapsed = clock.Elapsed;
        var passwords = outcomes.Zip(images, (outcome, image) => outcome.SingleCredentialFor(image).Password).Distinct().ToList();
        var pull = await PullAsync(outcomes[0].SingleCredentialFor(images[0]));
        TestContext.Out.WriteLine($"{runs} concurrent provider runs took {elapsed.TotalSeconds:0.0} s");
        Assert.Multiple(() =>
        {
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.CrTokenExchanges(1)));
            Assert.That(passwords, Has.Count.EqualTo(1));
            Assert.That(pull.Succeeded, $"{pull}\n{Server.Log}");
        });
    }

    public static IEnumerable<TestCaseData> NodeIdentities()
    {
        yield return new TestCaseData("api-key").SetArgDisplayNames("API key");
        yield return new TestCaseData("cr-token-file").SetArgDisplayNames("cr-token file");
        yield return new TestCaseData("vpc").SetArgDisplayNames("VPC instance identity");
        yield return new TestCaseData("vpc-2022-03-01").SetArgDisplayNames("VPC instance identity, API version 2022-03-01");
        yield return new TestCaseData("vpc-bare-metal").SetArgDisplayNames("VPC bare metal server identity");
        yield return new TestCaseData("powervs").SetArgDisplayNames("PowerVS instance identity");
    }

    [TestCaseSource(nameof(NodeIdentities))]
    public async Task A_pod_without_a_service_account_token_pulls_as_the_node(string identity)
    {
        var (profile, calls) = UseNodeIdentity(identity);

        var outcome = await Kubelet([Server.Host]).ProvideAsync(Image);
        var login = outcome.SingleCredentialFor(Image);
        var pull = await PullAsync(login);

        Assert.Multiple(() =>
        {
            Assert.That(pull.Succeeded, $"{pull}\n{Server.Log}");
            Assert.That(EmulatorToken.Subject(login.Password), Is.EqualTo(profile.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(calls));
        });
    }

    /// <summary>Sets the node's identity in the provider's config env; returns the profile it logs in as and the calls that takes.</summary>
    private (IamProfile Profile, IamCalls Calls) UseNodeIdentity(string identity)
    {
        switch (identity)
        {
            case "api-key":
                UseTokenMode(IamWorld.Builder.Id);
                return (IamWorld.Builder, IamCalls.TokenExchanges(1));
            case "cr-token-file":
                var tokenFile = Path.Combine(Home.Subdirectory("node"), "sa-token");
                File.WriteAllText(tokenFile, Iam.IssueServiceAccountToken(IamWorld.NodeAgent));
                File.SetUnixFileMode(tokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Set(("IBMTP_MODE", "cr-token"), ("IBMTP_CR_TOKEN", "@" + tokenFile), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
                return (IamWorld.Builder, IamCalls.CrTokenExchanges(1));
            case "vpc":
                Set(("IBMTP_MODE", "vpc"));
                return (IamWorld.VpcDefault, IamCalls.VpcExchanges(1));
            case "vpc-2022-03-01":
                Set(("IBMTP_MODE", "vpc"), ("IBMTP_VPC_METADATA_VERSION", "2022-03-01"));
                return (IamWorld.VpcDefault, IamCalls.VpcExchanges(1));
            case "vpc-bare-metal":
                Iam.MetadataServer = MetadataServer.BareMetalServer;
                Set(("IBMTP_MODE", "vpc"), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
                return (IamWorld.Builder, IamCalls.VpcExchanges(1));
            case "powervs":
                Set(("IBMTP_MODE", "powervs"), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
                return (IamWorld.Builder, IamCalls.None);
            default:
                throw new ArgumentOutOfRangeException(nameof(identity), identity, "no such node identity");
        }
    }

    private Task<ProcessResult> PullAsync(KubeletAuthConfig login) => new Skopeo(Home).InspectWithAsync(Image, login.Username, login.Password);
}
