using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The published helper's doctor against the IAM emulator: one real exchange in token modes, the
/// cached token's life, and the same one-line error and hint that get gives when IAM says no.
/// </summary>
[TestFixture]
public sealed class DoctorTests : IamEmulatorFixture
{
    [Test]
    public async Task In_token_mode_doctor_makes_one_real_exchange_and_reports_the_cached_tokens_life()
    {
        UseTokenMode(IamWorld.Builder.Id);
        await GetBearerTokenAsync();
        var before = IamCalls.Of(Iam);

        var doctor = await Helper.RunWithArgumentsAsync("doctor", Registry);

        Assert.That(doctor.ExitCode, Is.EqualTo(0), doctor.ToString());
        Assert.That(doctor.StandardOutput, Does.Contain("IAM exchange:").And.Contain("ok: a token valid for"));
        Assert.That(doctor.StandardOutput, Does.Match(@"cached token: +valid for \d+(h\d\dm|m\d\ds), renewed after \d+"));
        Assert.That(IamCalls.Of(Iam), Is.EqualTo(before with { ApiKey = before.ApiKey + 1, Assume = before.Assume + 1, TokenRequests = before.TokenRequests + 2 }));
        Assert.That(doctor.StandardOutput + doctor.StandardError, Does.Not.Contain(World.BuilderApiKey));
    }

    /// <summary>Auto mode trades a key for a profile named by name: doctor says so, and who the registry will see.</summary>
    [Test]
    public async Task Doctor_names_the_identity_the_registry_will_see()
    {
        Set(("IBMTP_API_KEY", World.BuilderApiKey), ("IBMTP_PROFILE_NAME", IamWorld.Builder.Name), ("IBMTP_ACCOUNT_ID", IamWorld.AccountId));

        var doctor = await Helper.RunWithArgumentsAsync("doctor", Registry);

        Assert.That(doctor.ExitCode, Is.EqualTo(0), doctor.ToString());
        Assert.That(doctor.StandardOutput, Does.Match($@"identity: +the trusted profile named {IamWorld.Builder.Name} in account {IamWorld.AccountId}\n"));
        Assert.That(doctor.StandardOutput, Does.Contain("traded with IAM for a token"));
    }

    [Test]
    public async Task A_rejected_exchange_is_reported_as_get_reports_it()
    {
        UseTokenMode(IamWorld.Untrusting.Id);

        var get = await GetAsync();
        var doctor = await Helper.RunWithArgumentsAsync("doctor", Registry);

        Assert.That(doctor.ExitCode, Is.EqualTo(1), doctor.ToString());
        Assert.That(doctor.StandardOutput, Does.Contain("! IAM exchange:").And.Contain(get.StandardOutput.Trim().Split(" (request id")[0]));
    }
}
