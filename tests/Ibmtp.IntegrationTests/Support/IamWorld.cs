using System.Security.Cryptography;
using Ibmtp.Emulators;

namespace Ibmtp.IntegrationTests;

/// <summary>A trusted profile as IAM knows it: by ID, by CRN, or by name within an account.</summary>
public sealed record IamProfile(string Id, string Name, string AccountId)
{
    public string Crn => $"crn:v1:bluemix:public:iam-identity::a/{AccountId}::profile:{Id}";
}

/// <summary>
/// The identities an <see cref="IamEmulator"/> is loaded with for the helper's tests: service IDs with
/// API keys, a compute-resource token, Kubernetes service accounts, and trusted profiles that trust some of them. Keys and tokens
/// are fresh per instance, so a leak scan cannot match a copy left by an earlier run.
/// </summary>
public sealed class IamWorld
{
    public const string AccountId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    public const string OtherAccountId = "f9e8d7c6b5a40392817f6e5d4c3b2a10";
    public const string BuilderServiceId = "ServiceId-builder";
    public const string OtherServiceId = "ServiceId-other";
    public const string StrangerServiceId = "ServiceId-stranger";
    public const string ComputeResourceSubject = "crn:v1:bluemix:public:containers-kubernetes:us-south:a/" + AccountId + ":cluster1::ns/ci/sa/builder";

    /// <summary>Trusts the builder and other service IDs, the compute resource and the VPC instance.</summary>
    public static readonly IamProfile Builder = new("Profile-0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0", "builder", AccountId);

    /// <summary>A second profile trusting the same callers, to tell tokens of different profiles apart.</summary>
    public static readonly IamProfile Deployer = new("Profile-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "deployer", AccountId);

    /// <summary>Same name as <see cref="Builder"/> in another account: a profile chosen by name must be looked up with its account.</summary>
    public static readonly IamProfile BuilderElsewhere = new("Profile-9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "builder", OtherAccountId);

    /// <summary>The VPC instance's default profile (<see cref="IamEmulator.VpcDefaultProfileId"/>).</summary>
    public static readonly IamProfile VpcDefault = new("Profile-5c4b3a29-1807-4f6e-9d5c-4b3a29180706", "vpc-default", AccountId);

    /// <summary>Exists but trusts nobody.</summary>
    public static readonly IamProfile Untrusting = new("Profile-77777777-8888-4999-8aaa-bbbbbbbbbbbb", "untrusting", AccountId);

    /// <summary>A pod's service account that <see cref="Builder"/> trusts by cluster, namespace and name.</summary>
    public static readonly KubernetesServiceAccount BuilderPods = new("cluster1", "ci", "builder");

    /// <summary>A pod's service account that <see cref="Deployer"/> trusts, and <see cref="Builder"/> does not.</summary>
    public static readonly KubernetesServiceAccount DeployerPods = new("cluster1", "cd", "deployer");

    /// <summary>Named like <see cref="BuilderPods"/> but in another cluster: trust names the cluster too.</summary>
    public static readonly KubernetesServiceAccount BuilderPodsElsewhere = new("cluster2", "ci", "builder");

    /// <summary>The service account of the node's own credential-provider token, trusted by <see cref="Builder"/>.</summary>
    public static readonly KubernetesServiceAccount NodeAgent = new("cluster1", "kube-system", "ibmtp-node");

    /// <summary>A well-formed ID that IAM does not know.</summary>
    public const string UnknownProfileId = "Profile-00000000-0000-4000-8000-000000000000";

    private IamWorld()
    {
    }

    /// <summary>API key of <see cref="BuilderServiceId"/>.</summary>
    public string BuilderApiKey { get; } = FakeCredentials.NewApiKey();

    /// <summary>API key of <see cref="OtherServiceId"/>, which the same profiles trust.</summary>
    public string OtherApiKey { get; } = FakeCredentials.NewApiKey();

    /// <summary>A valid API key of a service ID that no profile trusts.</summary>
    public string StrangerApiKey { get; } = FakeCredentials.NewApiKey();

    /// <summary>A compute-resource token of <see cref="ComputeResourceSubject"/>, shaped like a projected service-account token.</summary>
    public string ComputeResourceToken { get; } = "eyJhbGciOiJSUzI1NiJ9." + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", 120) + ".c2ln";

    /// <summary>Registers every identity of a new world in <paramref name="iam"/>.</summary>
    public static IamWorld LoadInto(IamEmulator iam)
    {
        var world = new IamWorld();
        world.RegisterIn(iam);
        return world;
    }

    /// <summary>Registers this world's identities in <paramref name="iam"/> too, e.g. a second IAM endpoint.</summary>
    public void RegisterIn(IamEmulator iam)
    {
        iam.AddServiceIdApiKey(BuilderApiKey, BuilderServiceId);
        iam.AddServiceIdApiKey(OtherApiKey, OtherServiceId);
        iam.AddServiceIdApiKey(StrangerApiKey, StrangerServiceId);
        iam.AddComputeResourceToken(ComputeResourceToken, ComputeResourceSubject);
        string[] trusted = [BuilderServiceId, OtherServiceId, ComputeResourceSubject, IamEmulator.VpcInstance, IamEmulator.PowerVsInstance];
        foreach (var profile in new[] { Builder, Deployer, BuilderElsewhere, VpcDefault })
        {
            iam.AddTrustedProfile(profile.Id, profile.Crn, profile.Name, profile.AccountId, trusted);
        }

        iam.AddTrustedProfile(Untrusting.Id, Untrusting.Crn, Untrusting.Name, Untrusting.AccountId);
        iam.TrustServiceAccount(Builder.Id, BuilderPods);
        iam.TrustServiceAccount(Builder.Id, NodeAgent);
        iam.TrustServiceAccount(Deployer.Id, DeployerPods);
        iam.VpcDefaultProfileId = VpcDefault.Id;
    }

    /// <summary>An emulator loaded with a new world, for a test that needs one of its own (e.g. a failure queue nobody else sees).</summary>
    /// <param name="tls">How to serve HTTPS (<see cref="IamEmulator.TlsCertificatePemPath"/> is then what to trust), or null for plain HTTP.</param>
    public static async Task<(IamEmulator Iam, IamWorld World)> StartEmulatorAsync(EmulatorTls? tls = null)
    {
        var iam = await IamEmulator.StartAsync(tls);
        return (iam, LoadInto(iam));
    }
}
