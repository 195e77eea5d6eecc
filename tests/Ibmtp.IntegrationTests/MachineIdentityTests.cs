using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published helper's machine identities against the emulator's metadata services: a VPC virtual server
/// in the default API version 2025-08-26 and in an older one chosen by IBMTP_VPC_METADATA_VERSION, a bare
/// metal server (which refuses the old calls), a virtual server whose service predates 2025-08-26, and a
/// Power Virtual Server instance, whose exchange never goes through IAM.
/// </summary>
[TestFixture]
public sealed class MachineIdentityTests : IamEmulatorFixture
{
    private const string OldVersionHint =
        "IBMTP_VPC_METADATA_VERSION is 2022-03-01, whose /instance_identity/v1 calls bare metal servers refuse: unset IBMTP_VPC_METADATA_VERSION or set it to 2025-08-26 or later";

    private const string NewVersionHint =
        "a metadata service that does not offer API version 2025-08-26 yet refuses the /identity/v1 calls: on a virtual server, set IBMTP_VPC_METADATA_VERSION=2022-03-01 for the /instance_identity/v1 calls";

    private int Calls(string route) => Iam.MetadataRequestsTo(route);

    [TestCase(MetadataServer.VirtualServer)]
    [TestCase(MetadataServer.BareMetalServer)]
    public async Task VPC_mode_uses_the_identity_calls_of_API_version_2025_08_26_by_default(MetadataServer server)
    {
        Iam.MetadataServer = server;
        Set(("IBMTP_MODE", "vpc"), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Origin(token), Is.EqualTo("identity/iam_tokens"));
            Assert.That(Calls("PUT /identity/v1/token"), Is.EqualTo(1));
            Assert.That(Calls("POST /identity/v1/iam_tokens"), Is.EqualTo(1));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.VpcExchanges(1)), "IAM itself is never called");
        });
    }

    [Test]
    public async Task An_older_version_in_the_setting_uses_the_instance_identity_calls_a_virtual_server_still_has()
    {
        Set(("IBMTP_MODE", "vpc"), ("IBMTP_VPC_METADATA_VERSION", "2022-03-01"));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.VpcDefault.Id));
            Assert.That(EmulatorToken.Origin(token), Is.EqualTo("instance_identity/iam_token"));
            Assert.That(Calls("PUT /instance_identity/v1/token"), Is.EqualTo(1));
            Assert.That(Calls("POST /instance_identity/v1/iam_token"), Is.EqualTo(1));
            Assert.That(Calls("PUT /identity/v1/token"), Is.Zero);
        });
    }

    [Test]
    public async Task An_older_version_with_a_profile_name_is_refused_before_any_call()
    {
        Set(("IBMTP_MODE", "vpc"), ("IBMTP_VPC_METADATA_VERSION", "2022-03-01"), ("IBMTP_PROFILE_NAME", IamWorld.Deployer.Name));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain(
                "IBMTP_VPC_METADATA_VERSION is 2022-03-01, whose /instance_identity/v1/iam_token call takes no trusted profile name: " +
                "set IBMTP_VPC_METADATA_VERSION to 2025-08-26 or later, or name the profile by ID or CRN (IBMTP_PROFILE_ID or IBMTP_PROFILE_CRN)"));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None), "neither the metadata service nor IAM was called");
        });
    }

    [Test]
    public async Task A_bare_metal_server_asked_for_an_older_version_fails_with_what_to_set()
    {
        Iam.MetadataServer = MetadataServer.BareMetalServer;
        Set(("IBMTP_MODE", "vpc"), ("IBMTP_VPC_METADATA_VERSION", "2022-03-01"));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("the VPC metadata service rejected PUT /instance_identity/v1/token (HTTP 404)"));
            Assert.That(line, Does.EndWith(OldVersionHint));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(new IamCalls(InstanceIdentity: 1)), "a refusal is final: no retry, no guessing");
        });
    }

    [Test]
    public async Task A_virtual_server_whose_service_predates_2025_08_26_is_told_to_set_the_version_and_then_works()
    {
        Iam.MetadataServer = MetadataServer.VirtualServerBefore20250826;
        Set(("IBMTP_MODE", "vpc"));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());
        Assert.That(line, Does.Contain("rejected PUT /identity/v1/token (HTTP 404)").And.EndWith(NewVersionHint));

        Set(("IBMTP_VPC_METADATA_VERSION", "2022-03-01"));
        var token = await GetBearerTokenAsync();
        Assert.That(EmulatorToken.Origin(token), Is.EqualTo("instance_identity/iam_token"));
    }

    [TestCase("vpc")]
    [TestCase("powervs")]
    public async Task A_machine_names_its_profile_by_name(string mode)
    {
        Set(("IBMTP_MODE", mode), ("IBMTP_PROFILE_NAME", IamWorld.Deployer.Name));

        var token = await GetBearerTokenAsync();

        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Deployer.Id));
    }

    [TestCase("IBMTP_PROFILE_ID")]
    [TestCase("IBMTP_PROFILE_CRN")]
    public async Task PowerVS_mode_trades_the_instance_identity_with_its_own_metadata_service_never_with_IAM(string variable)
    {
        Set(("IBMTP_MODE", "powervs"), (variable, variable == "IBMTP_PROFILE_ID" ? IamWorld.Builder.Id : IamWorld.Builder.Crn));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Origin(token), Is.EqualTo("powervs/iam_tokens"));
            Assert.That(Calls("PUT /powervs/identity/v1/token"), Is.EqualTo(1));
            Assert.That(Calls("POST /powervs/identity/v1/iam_tokens"), Is.EqualTo(1));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None), "neither IAM nor the VPC metadata service");
        });
    }

    [Test]
    public async Task PowerVS_and_VPC_tokens_are_cached_apart()
    {
        Set(("IBMTP_MODE", "powervs"), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
        await GetBearerTokenAsync();
        Set(("IBMTP_MODE", "vpc"));

        var vpcToken = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Origin(vpcToken), Is.EqualTo("identity/iam_tokens"), "the PowerVS token was not reused");
            Assert.That(Calls("PUT /powervs/identity/v1/token"), Is.EqualTo(1));
            Assert.That(Calls("PUT /identity/v1/token"), Is.EqualTo(1));
        });
    }
}
