using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The helper's folders on a small tmpfs that is then filled up: a store fails with one line and
/// leaves the previous keystore whole and readable with no temporary file; a token-mode get still
/// answers when its cache or its log cannot be written.
/// </summary>
[TestFixture]
public sealed class FullDiskTests : IamEmulatorFixture
{
    private const int TmpfsKibibytes = 256;

    [Test]
    public async Task A_store_on_a_full_disk_fails_with_one_line_and_leaves_the_previous_keystore_readable_with_no_temporary_file()
    {
        var dataHome = Home.Environment["XDG_DATA_HOME"];
        using var mounts = await PrivateMountNamespace.CreateAsync();
        await mounts.MountTmpfsAsync(dataHome, TmpfsKibibytes);
        var secret = FakeCredentials.NewApiKey();
        HelperOutput.AssertSilentSuccess(await mounts.RunHelperAsync(Home, Deadlines.AFewSeconds, "store", StoreRequest(Registry, "stored-user", secret)));
        var keystore = mounts.Inside(Home.KeystoreFile());
        var before = await File.ReadAllBytesAsync(keystore);
        Fill(mounts.Inside(Path.Combine(dataHome, "filler")));

        var store = await mounts.RunHelperAsync(Home, Deadlines.AFewSeconds, "store", StoreRequest("de.icr.io", "other-user", FakeCredentials.NewApiKey()));

        Assert.That(HelperOutput.AssertOneLineFailure(store), Does.Match("(?i)space|full"), "the message must say the disk is full");
        Assert.That(await File.ReadAllBytesAsync(keystore), Is.EqualTo(before), "the previous keystore must be intact");
        Assert.That(HelperFiles.Temporaries(mounts.Inside(Home.KeystoreFolder())), Is.Empty, "temporary files left behind");
        Assert.That(HelperOutput.Credentials(await mounts.RunHelperAsync(Home, Deadlines.AFewSeconds, "get", Registry)), Is.EqualTo((Registry, "stored-user", secret)));
        Assert.That(HelperOutput.List(await mounts.RunHelperAsync(Home, Deadlines.AFewSeconds, "list", "unused")), Is.EquivalentTo(new Dictionary<string, string> { [Registry] = "stored-user" }));
    }

    /// <summary>The cache only saves IAM calls and the log only records; neither may cost a pull.</summary>
    [TestCase("XDG_CACHE_HOME", TestName = "{m}(the token cache's disk is full)")]
    [TestCase("XDG_STATE_HOME", TestName = "{m}(the log's disk is full)")]
    public async Task A_token_mode_get_still_answers_with_exit_zero(string fullFolder)
    {
        UseTokenMode(IamWorld.Builder.Id);
        using var mounts = await PrivateMountNamespace.CreateAsync();
        var folder = Home.Environment[fullFolder];
        await mounts.MountTmpfsAsync(folder, TmpfsKibibytes);
        Fill(mounts.Inside(Path.Combine(folder, "filler")));

        var get = await mounts.RunHelperAsync(Home, Deadlines.AFewSeconds, "get", Registry);

        var (username, token) = CredentialsAllowingWarnings(get);
        Assert.That(username, Is.EqualTo(BearerUsername));
        Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
        Assert.That(get.StandardError, Does.Not.Contain("Unhandled exception"));
        Assert.That(HelperFiles.Temporaries(mounts.Inside(Home.CacheFolder())), Is.Empty, "temporary files left behind");
    }

    /// <summary>Writes to <paramref name="path"/> until its file system has no space left.</summary>
    private static void Fill(string path)
    {
        using var filler = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // ENOSPC: full, as wanted.
        }
    }

    private static string StoreRequest(string host, string username, string secret) =>
        new System.Text.Json.Nodes.JsonObject { ["ServerURL"] = host, ["Username"] = username, ["Secret"] = secret }.ToJsonString() + "\n";
}
