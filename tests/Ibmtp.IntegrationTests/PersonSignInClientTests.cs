using System.Text.Json;
using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// After a person's <c>login</c>, docker, podman and skopeo push and pull through a registry that, like IBM Cloud
/// Container Registry, takes only <c>iambearer</c> with a live IAM token (the end-to-end harness: docker-registry in
/// token-auth mode, the IAM emulator as its token server), with the sign-in session kept in each keystore; no API
/// key exists anywhere. docker runs with no daemon, so its push and pull are what the CLI does itself: a manifest
/// list pushed (the image's manifest pushed and its blobs mounted into the list's repository) and read back.
/// </summary>
[TestFixture]
public sealed class PersonSignInClientTests : PersonSessionFixture
{
    private static readonly string[] Clients = ["docker", "podman", "skopeo"];

    private readonly SharedRegistry registry = new();

    protected override Person Person { get; } = new("IBMid-270000CLIEN", "Alan Turing", "alan.clients@example.test", IamWorld.AccountId, "bombe");

    private RegistryServer Server => registry.Server;

    [OneTimeSetUp]
    public async Task StartRegistryAsync() =>
        // Started after the emulator (the base fixture's [OneTimeSetUp]), whose token server it sends clients to.
        await registry.StartAsync(() => RegistryServer.StartWithTokenAuthAsync(Iam.RegistryTokenRealm, Iam.RegistryTokenIssuer, Iam.RegistryCertificatePemPath));

    [OneTimeTearDown]
    public async Task StopRegistryAsync() => await registry.DisposeAsync();

    [SetUp]
    public void UseHelperForTheRegistry()
    {
        Set(("IBMTP_REGISTRIES", Server.Host));
        Home.WriteContainersAuth(Server.Host);
        Home.WriteDockerConfig(Server.Host);
    }

    private static IEnumerable<TestCaseData> ClientsAndKeystores() =>
        from client in Clients
        from keystore in KeystoreInUse.Names
        select new TestCaseData(client, keystore).SetArgDisplayNames(client, keystore);

    [TestCaseSource(nameof(ClientsAndKeystores))]
    public async Task After_login_the_client_pushes_and_pulls_as_the_profile_with_the_session_in_the_keystore(string client, string keystoreName)
    {
        using var keystore = await KeystoreInUse.StartAsync(Home, keystoreName);
        var repository = $"builder/{client}-{keystoreName}";
        var image = OciImage.Write(Home.Subdirectory("layout"), "v1", $"{repository} {Guid.NewGuid()}\n", withoutLayers: client == "podman");
        await LoginAsync();
        Iam.Reset();

        var (pushed, pulled) = client switch
        {
            "docker" => await DockerPushesAndPullsAsync(image, repository),
            "podman" => await PodmanPushesAndPullsAsync(image, repository),
            _ => await SkopeoPushesAndPullsAsync(image, repository),
        };

        Assert.Multiple(() =>
        {
            Assert.That(pulled, Is.EqualTo(pushed), "the image pulled back is the one pushed");
            Assert.That(Iam.RegistryTokenRequests, Is.GreaterThanOrEqualTo(1), "the registry sent the client to the token server");
            Assert.That(Server.Log, Does.Contain($"auth.user.name={IamWorld.Builder.Id}"), "the registry saw the profile as the user");
            Assert.That(Iam.RequestCount(GrantTypes.ApiKey), Is.EqualTo(0), "no API key exists");
            Assert.That(Iam.TotalTokenRequests, Is.EqualTo(0), "every get was answered with the token login assumed");
            Assert.That(keystore.KeptSession()?.PersonIamId, Is.EqualTo(Person.IamId));
        });
    }

    [TestCaseSource(typeof(KeystoreInUse), nameof(KeystoreInUse.Names))]
    public async Task After_the_token_runs_low_skopeo_pushes_with_the_renewed_token(string keystoreName)
    {
        using var keystore = await KeystoreInUse.StartAsync(Home, keystoreName);
        var image = OciImage.Write(Home.Subdirectory("layout"), "v1", $"renewed {keystoreName} {Guid.NewGuid()}\n");
        await LoginAsync();
        await GetBearerTokenAsync();
        Iam.Reset();

        AgeTo(PastRenewal);
        var (pushed, pulled) = await SkopeoPushesAndPullsAsync(image, $"builder/renewed-{keystoreName}");

        Assert.That(pulled, Is.EqualTo(pushed));
        Assert.That((Iam.RequestCount(GrantTypes.RefreshToken), Iam.PersonAssumeGrants), Is.EqualTo((1, 1)), "one renewal for the push and the pull");
    }

    [Test]
    public async Task When_IAM_has_ended_the_session_skopeo_and_podman_show_the_helpers_line_that_says_to_log_in_again()
    {
        using var keystore = await KeystoreInUse.StartAsync(Home, KeystoreInUse.File);
        var image = OciImage.Write(Home.Subdirectory("layout"), "v1", $"ended {Guid.NewGuid()}\n");
        await LoginAsync();
        await GetBearerTokenAsync();
        Iam.SessionPolicy = new SessionPolicy(TimeSpan.FromHours(24), TimeSpan.FromMinutes(30));

        AgeTo(PastRenewal);
        var push = await new Skopeo(Home).PushAsync(image, $"{Server.Host}/builder/ended:v1");
        await LoginAsync();
        AgeTo(PastRenewal * 2);
        var pull = await new Podman(Home).PullAsync($"{Server.Host}/builder/ended:v1");

        Assert.Multiple(() =>
        {
            Assert.That(push.Succeeded, Is.False, push.ToString());
            Assert.That(push.StandardError, Does.Contain(Person.Name).And.Contain("ended for inactivity").And.Contain(LogInAgain), push.ToString());
            Assert.That(pull.Succeeded, Is.False, pull.ToString());
            Assert.That(pull.StandardError, Does.Contain(Person.Name).And.Contain("ended for inactivity").And.Contain(LogInAgain), pull.ToString());
        });
    }

    /// <summary>skopeo copies the layout to the registry and back into a new layout: both digests, which must be the layout's.</summary>
    private async Task<(string Pushed, string Pulled)> SkopeoPushesAndPullsAsync(OciImage image, string repository)
    {
        var skopeo = new Skopeo(Home);
        var reference = $"{Server.Host}/{repository}:v1";
        var pulled = Home.Subdirectory("pulled");

        var push = await skopeo.PushAsync(image, reference);
        var pull = await skopeo.PullAsync(reference, pulled, "v1");

        Assert.That(push.Succeeded, $"{push}\n{Home.ReadLog()}\n{Server.Log}");
        Assert.That(pull.Succeeded, $"{pull}\n{Home.ReadLog()}\n{Server.Log}");
        return (image.ManifestDigest, LayoutManifestDigest(pulled));
    }

    /// <summary>podman pushes the image from its storage and pulls it back: the digest it pushed, and the one it pulled.</summary>
    private async Task<(string Pushed, string Pulled)> PodmanPushesAndPullsAsync(OciImage image, string repository)
    {
        var podman = new Podman(Home);
        var reference = $"{Server.Host}/{repository}:v1";
        var digestFile = Path.Combine(Home.Subdirectory("podman-push"), "digest");

        var push = await podman.PushAsync(image, reference, digestFile);
        var pull = await podman.PullAsync(reference);
        var pulled = await podman.ImageDigestAsync(reference);

        Assert.That(push.Succeeded, $"{push}\n{Home.ReadLog()}\n{Server.Log}");
        Assert.That(pull.Succeeded, $"{pull}\n{Home.ReadLog()}\n{Server.Log}");
        Assert.That(pulled.Succeeded, pulled.ToString());
        return (File.ReadAllText(digestFile).Trim(), pulled.StandardOutput.Trim());
    }

    /// <summary>
    /// docker pushes a manifest list of the image (put there in docker's own format) under a tag of its own and reads it
    /// back: the image's digest, and the one the list read back names, whose manifest docker then reads too. Both hold
    /// for Debian's docker 20.10 as for today's CLI.
    /// </summary>
    private async Task<(string Pushed, string Pulled)> DockerPushesAndPullsAsync(OciImage image, string repository)
    {
        var docker = new DockerCli(Home);
        // The CLI pushes no blob without a daemon: skopeo puts the image in the registry first.
        var source = $"{Server.Host}/{repository}-source:v1";
        // In the image's own repository: docker CLIs before 23 mount no blob from another repository when they push a list.
        var list = $"{Server.Host}/{repository}-source:list";
        var sourceDigest = Path.Combine(Home.Subdirectory("docker-source"), "digest");
        var seeded = await new Skopeo(Home).PushAsDockerImageAsync(image, source, sourceDigest);
        Assert.That(seeded.Succeeded, $"{seeded}\n{Server.Log}");

        var push = await docker.PushManifestListAsync(list, source);
        var pull = await docker.ManifestInspectAsync(list);

        Assert.That(push.Succeeded, $"{push}\n{Home.ReadLog()}\n{Server.Log}");
        Assert.That(pull.Succeeded, $"{pull}\n{Home.ReadLog()}\n{Server.Log}");
        using var pulledList = JsonDocument.Parse(pull.StandardOutput);
        var pulled = pulledList.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
        var imageInListRepository = await docker.ManifestInspectAsync($"{Server.Host}/{repository}-source@{pulled}");
        Assert.That(imageInListRepository.Succeeded, $"{imageInListRepository}\n{Server.Log}");
        return (File.ReadAllText(sourceDigest).Trim(), pulled);
    }

    /// <summary>The digest of the one manifest an OCI layout's index names.</summary>
    private static string LayoutManifestDigest(string layout)
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json")));
        return index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
    }
}
