using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A HOME mounted read-only, as in a locked-down pod: a token-mode get still answers (without the
/// cache), and store and erase fail at once saying the file system is read-only, changing nothing.
/// </summary>
[TestFixture]
public sealed class ReadOnlyHomeTests : IamEmulatorFixture
{
    /// <param name="cacheFolderPresent">
    /// Whether a cache folder (with its key and lock) is already there: then the helper once waited the
    /// whole timeout for a lock it could not open, blaming a stuck helper.
    /// </param>
    [TestCase(false)]
    [TestCase(true)]
    public async Task A_token_mode_get_still_answers_at_once_with_the_cache_skipped(bool cacheFolderPresent)
    {
        UseTokenMode(IamWorld.Builder.Id);
        if (cacheFolderPresent)
        {
            CredentialsAllowingWarnings(await Helper.GetAsync(Registry));
            File.Delete(Home.CacheLockFile());
            foreach (var entry in Directory.EnumerateFiles(Home.CacheFolder(), "*.token"))
            {
                File.Delete(entry);
            }
        }

        var before = CacheFiles();
        using var mounts = await PrivateMountNamespace.CreateAsync();
        await mounts.MountReadOnlyAsync(Home.Path);

        var clock = Stopwatch.StartNew();
        var get = await mounts.RunHelperAsync(Home, Deadlines.AFewSeconds, "get", Registry);
        var elapsed = clock.Elapsed;

        var (username, token) = CredentialsAllowingWarnings(get);
        Assert.Multiple(() =>
        {
            Assert.That(username, Is.EqualTo(BearerUsername));
            Assert.That(EmulatorToken.Subject(token), Is.EqualTo(IamWorld.Builder.Id));
            Assert.That(elapsed, Is.LessThan(Deadlines.AtOnce), "no wait for a lock that cannot be taken");
            Assert.That(get.StandardError, Does.Not.Contain("stuck"));
            Assert.That(CacheFiles(), Is.EqualTo(before), "nothing can have been cached");
        });
    }

    [TestCase("store", false)]
    [TestCase("store", true)]
    [TestCase("erase", true)]
    public async Task Store_and_erase_fail_at_once_saying_the_file_system_is_read_only(string action, bool withKeystore)
    {
        if (withKeystore)
        {
            HelperOutput.AssertSilentSuccess(await Helper.StoreAsync(Registry, "stored-user", FakeCredentials.NewApiKey()));
        }

        var before = Home.KeystoreFingerprint();
        using var mounts = await PrivateMountNamespace.CreateAsync();
        await mounts.MountReadOnlyAsync(Home.Path);
        var call = action == "store" ? HelperCall.Store("de.icr.io") : HelperCall.Erase(Registry);

        var clock = Stopwatch.StartNew();
        var result = await mounts.RunHelperAsync(Home, Deadlines.AFewSeconds, call.Action, call.Input);
        var elapsed = clock.Elapsed;

        Assert.That(HelperOutput.AssertOneLineFailure(result), Does.Contain("read-only file system").IgnoreCase);
        Assert.That(elapsed, Is.LessThan(Deadlines.AtOnce));
        Assert.That(Home.KeystoreFingerprint(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_get_from_the_keystore_still_answers()
    {
        var secret = FakeCredentials.NewApiKey();
        HelperOutput.AssertSilentSuccess(await Helper.StoreAsync(Registry, "stored-user", secret));
        using var mounts = await PrivateMountNamespace.CreateAsync();
        await mounts.MountReadOnlyAsync(Home.Path);

        var get = await mounts.RunHelperAsync(Home, Deadlines.AFewSeconds, "get", Registry);

        Assert.That(HelperOutput.Credentials(get), Is.EqualTo((Registry, "stored-user", secret)));
    }

    private string[] CacheFiles() =>
        Directory.Exists(Home.CacheFolder()) ? [.. Directory.EnumerateFiles(Home.CacheFolder()).Order()] : [];
}
