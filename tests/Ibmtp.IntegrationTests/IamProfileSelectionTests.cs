using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Every way of naming the trusted profile, in both grants that take one: IAM finds a profile only when
/// the helper sends the right field for the shape it was given, so the token's subject proves the choice.
/// A second profile named "builder" lives in another account, so a name must travel with its account.
/// </summary>
[TestFixture]
public sealed class IamProfileSelectionTests : IamEmulatorFixture
{
    private static readonly (string Name, (string Variable, string Value)[] Variables)[] Selections =
    [
        ("by ID", [("IBMTP_PROFILE_ID", IamWorld.Builder.Id)]),
        ("by CRN", [("IBMTP_PROFILE_CRN", IamWorld.Builder.Crn)]),
        ("by name and account", [("IBMTP_PROFILE_NAME", IamWorld.Builder.Name), ("IBMTP_ACCOUNT_ID", IamWorld.AccountId)]),
        ("IBMCLOUD_CR_PROFILE holding an ID", [("IBMCLOUD_CR_PROFILE", IamWorld.Builder.Id)]),
        ("IBMCLOUD_CR_PROFILE holding a CRN", [("IBMCLOUD_CR_PROFILE", IamWorld.Builder.Crn)]),
        ("IBMCLOUD_CR_PROFILE holding a name", [("IBMCLOUD_CR_PROFILE", IamWorld.Builder.Name), ("IBMTP_ACCOUNT_ID", IamWorld.AccountId)]),
    ];

    public static IEnumerable<TestCaseData> TokenModeSelections() =>
        Selections.Select(selection => new TestCaseData((object)selection.Variables).SetArgDisplayNames(selection.Name));

    public static IEnumerable<TestCaseData> CrTokenModeSelections() => TokenModeSelections();

    [TestCaseSource(nameof(TokenModeSelections))]
    public async Task Token_mode_assumes_the_profile_named((string Variable, string Value)[] selection)
    {
        UseTokenMode();
        Set(selection);

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
        });
    }

    [TestCaseSource(nameof(CrTokenModeSelections))]
    public async Task Cr_token_mode_gets_the_profile_named((string Variable, string Value)[] selection)
    {
        Set(("IBMTP_MODE", "cr-token"), ("IBMTP_CR_TOKEN", World.ComputeResourceToken));
        Set(selection);

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.CrTokenExchanges(1)));
        });
    }

    /// <summary>
    /// The cr-token grant carries no account (the emulator refuses one, and every selection above passes): IAM looks a name up
    /// in the compute resource's own account, so "builder" is found there although another account has one too.
    /// </summary>
    [Test]
    public async Task Cr_token_mode_takes_a_profile_name_without_an_account()
    {
        Set(("IBMTP_MODE", "cr-token"), ("IBMTP_CR_TOKEN", World.ComputeResourceToken), ("IBMTP_PROFILE_NAME", IamWorld.Builder.Name));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.CrTokenExchanges(1)));
        });
    }

    [Test]
    public async Task The_account_decides_between_profiles_of_the_same_name()
    {
        UseTokenMode();
        Set(("IBMTP_PROFILE_NAME", IamWorld.BuilderElsewhere.Name), ("IBMTP_ACCOUNT_ID", IamWorld.OtherAccountId));

        var token = await GetBearerTokenAsync();

        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.BuilderElsewhere.Id));
    }

    [Test]
    public async Task Token_mode_with_a_profile_name_but_no_account_says_what_to_set_before_calling_IAM()
    {
        UseTokenMode();
        Set(("IBMTP_PROFILE_NAME", IamWorld.Builder.Name));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("IBMTP_ACCOUNT_ID"));
            Assert.That(line, Does.Not.Contain(World.BuilderApiKey));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None), "the missing account is known before any call; trading the key first is wasted");
        });
    }

    [Test]
    public async Task The_profile_variables_override_ibm_cloud_cr_profile()
    {
        UseTokenMode();
        Set(("IBMTP_PROFILE_ID", IamWorld.Deployer.Id), ("IBMCLOUD_CR_PROFILE", IamWorld.Builder.Id));

        var token = await GetBearerTokenAsync();

        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Deployer.Id));
    }
}
