using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Where secrets may and may not go in the IAM modes: never into a file or log under HOME, never over
/// plain HTTP to a non-loopback IAM, and cached tokens only in owner-only files.
/// </summary>
[TestFixture]
public sealed class IamSecretHygieneTests : IamEmulatorFixture
{
    [TestCase("http://iam.cloud.ibm.com")]
    [TestCase("http://192.0.2.10:8080/")]
    public async Task A_plain_HTTP_IAM_URL_is_refused_unless_it_is_loopback(string url)
    {
        UseTokenMode(IamWorld.Builder.Id);
        Set(("IBMTP_IAM_URL", url));

        var line = HelperOutput.AssertOneLineFailure(await GetAsync());

        Assert.Multiple(() =>
        {
            Assert.That(line, Does.Contain("IBMTP_IAM_URL").And.Contain("https is required"));
            Assert.That(line, Does.Not.Contain(World.BuilderApiKey));
        });
    }

    [Test]
    public async Task No_key_or_token_is_written_to_any_file_or_log_under_home()
    {
        var tokens = new List<string>();
        UseTokenMode(IamWorld.Builder.Id);
        tokens.Add(await GetBearerTokenAsync());
        tokens.Add(await GetBearerTokenAsync());
        Set(("IBMTP_PROFILE_ID", IamWorld.Untrusting.Id));
        HelperOutput.AssertOneLineFailure(await GetAsync());
        Set(("IBMTP_MODE", "cr-token"), ("IBMTP_CR_TOKEN", World.ComputeResourceToken), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
        tokens.Add(await GetBearerTokenAsync());
        Set(("IBMTP_MODE", "vpc"));
        tokens.Add(await GetBearerTokenAsync());
        Set(("IBMTP_MODE", "apikey"));
        HelperOutput.Credentials(await GetAsync());

        var log = Home.ReadLog();
        Assert.Multiple(() =>
        {
            // The scan is only worth something if the helper did log these calls, at debug level.
            Assert.That(log, Does.Contain("IAM (token)").And.Contain("IAM (cr-token)").And.Contain("IAM (vpc)").And.Contain("environment (apikey)"));
            Assert.That(log, Does.Contain("BXNIM0538E"));
            Assert.That(Directory.GetFiles(CacheFolder, "*.token"), Has.Length.EqualTo(3));
            foreach (var secret in new[] { World.BuilderApiKey, World.ComputeResourceToken }.Concat(tokens))
            {
                Assert.That(Home.FilesContainingSecret(secret), Is.Empty, "a key or token is in clear (or base64) under HOME");
            }

            // Every JWT starts so, the apikey grant's intermediate token included, which the test never sees.
            Assert.That(log, Does.Not.Contain("eyJ"));
        });
    }

    [Test]
    public async Task The_cache_folder_is_owner_only_and_every_file_in_it_0600()
    {
        UseTokenMode(IamWorld.Builder.Id);
        await GetBearerTokenAsync();
        Set(("IBMTP_PROFILE_ID", IamWorld.Deployer.Id));
        await GetBearerTokenAsync();

        var files = Directory.GetFiles(CacheFolder).Select(Path.GetFileName).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(files, Has.Some.EqualTo("cache.key"));
            Assert.That(files.Count(file => file!.EndsWith(".token", StringComparison.Ordinal)), Is.EqualTo(2));
        });
        OwnerOnly.AssertTree(CacheFolder);
    }

    [Test]
    public async Task Cache_files_are_owner_only_whatever_the_umask()
    {
        UseTokenMode(IamWorld.Builder.Id);
        var shell = ProcessRunner.RunAsync(
            "/bin/sh",
            ["-c", $"umask 000 && printf %s {Registry} | docker-credential-ibmtp get >/dev/null"],
            new ProcessOptions { InheritEnvironment = false, Environment = Home.Environment });

        var result = await shell;

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        OwnerOnly.AssertTree(CacheFolder);
    }

    private string CacheFolder => Path.Combine(Home.Environment["XDG_CACHE_HOME"], "ibmtp");
}
