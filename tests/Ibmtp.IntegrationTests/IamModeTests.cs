using Ibmtp.Emulators;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Each IBMTP_MODE of the published helper against the IAM emulator: what the registry is given, and
/// exactly which IAM and metadata calls it took to get it.
/// </summary>
[TestFixture]
public sealed class IamModeTests : IamEmulatorFixture
{
    public static IEnumerable<TestCaseData> ApiKeyModeProfiles()
    {
        yield return new TestCaseData("IBMTP_PROFILE_ID", IamWorld.Builder.Id, IamWorld.Builder.Id).SetArgDisplayNames("by ID");
        yield return new TestCaseData("IBMTP_PROFILE_CRN", IamWorld.Builder.Crn, IamWorld.Builder.Id).SetArgDisplayNames("by CRN");
        yield return new TestCaseData("IBMCLOUD_CR_PROFILE", IamWorld.Builder.Crn, IamWorld.Builder.Id).SetArgDisplayNames("IBMCLOUD_CR_PROFILE holding a CRN");
    }

    /// <summary>ICR takes a profile ID with the key of a service ID the profile trusts; passed with a name, the key would log in as itself.</summary>
    [TestCase("IBMTP_PROFILE_NAME")]
    [TestCase("IBMCLOUD_CR_PROFILE")]
    public async Task API_key_mode_with_a_profile_name_is_an_error_that_says_what_to_set(string variable)
    {
        Set(("IBMTP_MODE", "apikey"), ("IBMTP_API_KEY", World.BuilderApiKey), (variable, IamWorld.Builder.Name), ("IBMTP_ACCOUNT_ID", IamWorld.AccountId));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain(IamWorld.Builder.Name).And.Contain("IBMTP_PROFILE_ID").And.Contain("IBMTP_MODE=token"));
            Assert.That(line, Does.Not.Contain(World.BuilderApiKey).And.Not.Contain(HelperOutput.NotFound));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    public static IEnumerable<TestCaseData> ProfilesTheRegistryCannotTake()
    {
        yield return new TestCaseData((object)new[] { ("IBMTP_PROFILE_NAME", IamWorld.Builder.Name), ("IBMTP_ACCOUNT_ID", IamWorld.AccountId) }).SetArgDisplayNames("by name");
        yield return new TestCaseData((object)new[] { ("IBMTP_PROFILE_CRN", IamWorld.Builder.Crn) }).SetArgDisplayNames("by CRN");
        yield return new TestCaseData((object)new[] { ("IBMCLOUD_CR_PROFILE", IamWorld.Builder.Name), ("IBMTP_ACCOUNT_ID", IamWorld.AccountId) })
            .SetArgDisplayNames("IBMCLOUD_CR_PROFILE holding a name");
    }

    /// <summary>The registry takes a profile by ID only, so auto mode reaches a profile named otherwise through IAM, never dropping it.</summary>
    [TestCaseSource(nameof(ProfilesTheRegistryCannotTake))]
    public async Task Auto_mode_with_an_API_key_for_a_profile_named_by_name_or_CRN_trades_the_key(
        (string Variable, string Value)[] profile)
    {
        Set(("IBMTP_API_KEY", World.BuilderApiKey));
        Set(profile);

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
        });
    }

    [TestCaseSource(nameof(ApiKeyModeProfiles))]
    public async Task API_key_mode_hands_over_the_key_without_calling_IAM(string variable, string value, string expectedUsername)
    {
        Set(("IBMTP_MODE", "apikey"), ("IBMTP_API_KEY", World.BuilderApiKey), (variable, value), ("IBMTP_ACCOUNT_ID", IamWorld.AccountId));

        var (_, username, secret) = HelperOutput.Credentials(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(username, Is.EqualTo(expectedUsername));
            Assert.That(secret, Is.EqualTo(World.BuilderApiKey));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    [Test]
    public async Task API_key_mode_without_a_profile_logs_in_as_iamapikey()
    {
        Set(("IBMTP_MODE", "apikey"), ("IBMTP_API_KEY", World.BuilderApiKey));

        var (_, username, secret) = HelperOutput.Credentials(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(username, Is.EqualTo("iamapikey"));
            Assert.That(secret, Is.EqualTo(World.BuilderApiKey));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    [Test]
    public async Task Auto_mode_with_an_API_key_hands_over_the_key_even_when_a_compute_resource_token_is_there()
    {
        Set(("IBMTP_API_KEY", World.BuilderApiKey), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id), ("IBMTP_CR_TOKEN", World.ComputeResourceToken));

        var (_, username, secret) = HelperOutput.Credentials(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(username, Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(secret, Is.EqualTo(World.BuilderApiKey));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    [Test]
    public async Task Token_mode_trades_the_key_for_the_profiles_token()
    {
        UseTokenMode(IamWorld.Builder.Id);

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Origin(token), Is.EqualTo(GrantTypes.Assume));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
        });
    }

    [Test]
    public async Task Token_mode_without_a_profile_returns_the_keys_own_token()
    {
        UseTokenMode();

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.BuilderServiceId));
            Assert.That(EmulatorToken.Origin(token), Is.EqualTo(GrantTypes.ApiKey));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(new IamCalls(ApiKey: 1, TokenRequests: 1)));
        });
    }

    [Test]
    public async Task Token_mode_reads_the_API_key_from_a_file()
    {
        using var secrets = new TempDirectory("ibmtp-secrets");
        var keyFile = Path.Combine(secrets.Path, "api-key");
        await File.WriteAllTextAsync(keyFile, World.BuilderApiKey + "\n");
        Set(("IBMTP_MODE", "token"), ("IBMTP_API_KEY", "@" + keyFile), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));

        var token = await GetBearerTokenAsync();

        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
        Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
    }

    [Test]
    public async Task Cr_token_mode_reads_the_compute_resource_token_from_a_file()
    {
        // Outside HOME, as a projected token would be, so the leak scans of other tests stay meaningful.
        using var secrets = new TempDirectory("ibmtp-secrets");
        var tokenFile = Path.Combine(secrets.Path, "sa-token");
        await File.WriteAllTextAsync(tokenFile, World.ComputeResourceToken + "\n");
        Set(("IBMTP_MODE", "cr-token"), ("IBMTP_CR_TOKEN", "@" + tokenFile), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Origin(token), Is.EqualTo(GrantTypes.ComputeResourceToken));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.CrTokenExchanges(1)));
        });
    }

    [TestCase("IBMTP_CR_TOKEN")]
    [TestCase("IBMCLOUD_CR_TOKEN")]
    public async Task Auto_mode_with_only_a_compute_resource_token_and_a_profile_uses_the_cr_token_grant(string variable)
    {
        Set((variable, World.ComputeResourceToken), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(EmulatorToken.Origin(token), Is.EqualTo(GrantTypes.ComputeResourceToken));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.CrTokenExchanges(1)));
        });
    }

    [Test]
    public async Task Auto_mode_with_a_compute_resource_token_but_no_profile_is_not_found()
    {
        Set(("IBMTP_CR_TOKEN", World.ComputeResourceToken));

        HelperOutput.AssertNotFound(await GetAsync());
        Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
    }

    [Test]
    public async Task Cr_token_mode_without_a_profile_says_what_to_set()
    {
        Set(("IBMTP_MODE", "cr-token"), ("IBMTP_CR_TOKEN", World.ComputeResourceToken));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("IBMTP_PROFILE_ID"));
            Assert.That(line, Does.Not.Contain(World.ComputeResourceToken));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
        });
    }

    [TestCase("IBMTP_PROFILE_ID")]
    [TestCase("IBMTP_PROFILE_CRN")]
    public async Task VPC_mode_trades_the_instance_identity_for_the_named_profile(string variable)
    {
        Set(("IBMTP_MODE", "vpc"), (variable, variable == "IBMTP_PROFILE_ID" ? IamWorld.Builder.Id : IamWorld.Builder.Crn));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.VpcExchanges(1)));
        });
    }

    [Test]
    public async Task VPC_mode_without_a_profile_uses_the_instances_default_profile()
    {
        Set(("IBMTP_MODE", "vpc"));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.VpcDefault.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.VpcExchanges(1)));
        });
    }

    [Test]
    public async Task The_config_file_chooses_mode_profile_and_IAM_per_host()
    {
        var iamUrl = Home.Environment["IBMTP_IAM_URL"];
        Home.Environment.Remove("IBMTP_IAM_URL");
        var configFolder = Home.Subdirectory(".config", "ibmtp");
        await File.WriteAllTextAsync(Path.Combine(configFolder, "config.json"), $$"""
            {
              "profileId": "{{IamWorld.Builder.Id}}",
              "hosts": [
                { "host": "{{Registry}}", "mode": "token", "profileId": "{{IamWorld.Deployer.Id}}", "iamUrl": "{{iamUrl}}" }
              ]
            }
            """);
        Set(("IBMTP_API_KEY", World.BuilderApiKey));

        var token = await GetBearerTokenAsync();
        var callsForTokenHost = IamCalls.Of(Iam);
        var (_, otherUsername, otherSecret) = HelperOutput.Credentials(await Helper.GetAsync("de.icr.io"));

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Deployer.Id));
            Assert.That(callsForTokenHost, Is.EqualTo(IamCalls.TokenExchanges(1)));
            Assert.That(otherUsername, Is.EqualTo(IamWorld.Builder.Id), "other hosts keep the top-level profile and auto mode");
            Assert.That(otherSecret, Is.EqualTo(World.BuilderApiKey));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)));
        });
    }

    /// <summary>IBM's curl examples and the SDKs' *_AUTH_URL settings write IAM's address as its token operation's.</summary>
    [TestCase("identity/token")]
    [TestCase("identity/token/")]
    public async Task An_IAM_URL_given_as_the_token_operations_address_reaches_the_operation_once(string operationPath)
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(("IBMTP_IAM_URL", new Uri(Iam.BaseUrl, operationPath).ToString()));

        var token = await GetBearerTokenAsync();

        Assert.Multiple(() =>
        {
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.TokenExchanges(1)), "each grant posted to /identity/token");
        });
    }

    [TestCase(null)]
    [TestCase("auto")]
    [TestCase("apikey")]
    public async Task An_ordinary_get_never_calls_the_metadata_service(string? mode)
    {
        if (mode is not null)
        {
            Set(("IBMTP_MODE", mode));
        }

        Set(("IBMTP_API_KEY", World.BuilderApiKey), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));

        HelperOutput.Credentials(await GetAsync());
        Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
    }

    [Test]
    public async Task Auto_mode_with_nothing_configured_is_not_found_without_any_call()
    {
        Set(("IBMTP_PROFILE_ID", IamWorld.Builder.Id));

        HelperOutput.AssertNotFound(await GetAsync());
        Assert.That(IamCalls.Of(Iam), Is.EqualTo(IamCalls.None));
    }
}
