using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// skopeo, with credHelpers naming the helper in its auth file, pushes to and reads from a registry
/// whose only user is a trusted profile ID with an API key as password, both taken from the
/// environment at the moment skopeo asks.
/// </summary>
[TestFixture]
public sealed class SkopeoWithEnvironmentCredentialsTests : RegistryFixture
{
    [Test]
    public async Task Copy_and_inspect_succeed_with_API_key_and_profile_ID_from_the_environment()
    {
        using var home = HomeUsingTheHelper();
        home.Environment["IBMTP_API_KEY"] = ApiKey;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;
        using var calls = HelperInvocations.Install(home);

        await AssertSkopeoPushesAndInspects(home, "env/env-value");

        Assert.That(calls.Read().Select(call => call.Action), Is.Not.Empty.And.All.EqualTo("get"), "skopeo asks the helper with get only");
        Assert.That(calls.Read().Select(call => call.Arguments.Count), Is.All.EqualTo(1), "the action is the only argument");
    }

    [Test]
    public async Task Copy_and_inspect_succeed_with_the_API_key_in_an_at_file()
    {
        using var home = HomeUsingTheHelper();
        var keyFile = Path.Combine(home.Subdirectory("secrets"), "ibm-api-key");
        await File.WriteAllTextAsync(keyFile, ApiKey + "\n");
        home.Environment["IBMTP_API_KEY"] = "@" + keyFile;
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;

        await AssertSkopeoPushesAndInspects(home, "env/env-file");
    }

    [Test]
    public async Task A_wrong_API_key_in_the_environment_is_rejected_by_the_registry()
    {
        using var home = HomeUsingTheHelper();
        home.Environment["IBMTP_API_KEY"] = FakeCredentials.NewApiKey();
        home.Environment["IBMTP_PROFILE_ID"] = ProfileId;
        var image = OciImage.Write(home.Subdirectory("layout"), "v1", "wrong key\n");
        var logStart = Registry.Log.Length;

        var push = await new Skopeo(home).PushAsync(image, $"{Registry.Host}/env/wrong-key:v1");

        var registryLog = await Registry.LogSinceAsync(logStart, "error authenticating user");
        Assert.That(push.ExitCode, Is.Not.EqualTo(0), push.ToString());
        Assert.That(push.StandardError, Does.Contain("unauthorized").IgnoreCase, push.ToString());
        // The helper did hand over credentials: the registry checked the profile's password and refused it.
        // (The registry's log escapes the quotes around the user name.)
        Assert.That(registryLog, Does.Contain($"error authenticating user \\\"{ProfileId}\\\""), registryLog);
    }

    [Test]
    public async Task With_no_credentials_anywhere_the_helper_says_not_found_and_skopeo_goes_on_anonymously()
    {
        using var home = HomeUsingTheHelper();
        using var calls = HelperInvocations.Install(home, recordOutput: true);
        var image = OciImage.Write(home.Subdirectory("layout"), "v1", "anonymous\n");
        var logStart = Registry.Log.Length;

        var push = await new Skopeo(home).PushAsync(image, $"{Registry.Host}/env/anonymous:v1");
        var direct = await new HelperCli(home).GetAsync(Registry.Host);

        var registryLog = await Registry.LogSinceAsync(logStart, "invalid authorization credential");
        // skopeo's anonymous requests carry no credentials or an empty user, never a named one.
        Assert.That(registryLog, Does.Contain("invalid authorization credential").And.Not.Match(@"error authenticating user \\""[^\\]"),
            $"the registry must have seen anonymous requests only:\n{registryLog}");
        Assert.That(push.ExitCode, Is.Not.EqualTo(0), push.ToString());
        // The registry's 401 fails the push, not a helper error: skopeo tried without credentials.
        Assert.That(push.StandardError, Does.Contain("unauthorized").IgnoreCase.Or.Contain("authentication required").IgnoreCase, push.ToString());
        Assert.That(push.StandardError, Does.Not.Contain("docker-credential-ibmtp"), push.ToString());
        var gets = calls.Read().Where(call => call.Action == "get" && call.Arguments.Count == 1).ToList();
        Assert.That(gets, Is.Not.Empty, "skopeo must have asked the helper");
        Assert.That(gets.Select(call => (call.ExitCode, call.Output)), Is.All.EqualTo(((int?)1, HelperOutput.NotFound + "\n")));
        HelperOutput.AssertNotFound(direct);
    }

    /// <summary>A test HOME whose containers auth file sends the registry to the helper, which is told to serve it.</summary>
    private TestHome HomeUsingTheHelper()
    {
        var home = HomeServingTheRegistry();
        home.WriteContainersAuth(Registry.Host);
        return home;
    }
}
