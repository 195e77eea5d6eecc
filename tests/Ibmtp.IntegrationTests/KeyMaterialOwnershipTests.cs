using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Key material that another user owns, or that others may read or swap, is refused as OpenSSH refuses
/// a loose private key: one line naming the file and the chmod or chown that fixes it, the file left as
/// it was. (The helper runs as root here, so a file owned by nobody is foreign to it.)
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class KeyMaterialOwnershipTests
{
    public static IEnumerable<TestCaseData> Loosenings()
    {
        yield return Case("keystore.key owned by nobody", HelperFiles.KeystoreKeyFile, path => ChownAsync(path), "chown");
        yield return Case("keystore folder owned by nobody", HelperFiles.KeystoreFolder, path => ChownAsync(path), "chown");
        yield return Case("keystore.key 0644", HelperFiles.KeystoreKeyFile, path => ChmodAsync(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead), "chmod");
        yield return Case("keystore folder 0777", HelperFiles.KeystoreFolder, path => ChmodAsync(path, (UnixFileMode)0b111_111_111), "chmod");
    }

    [TestCaseSource(nameof(Loosenings))]
    public async Task Loose_or_foreign_key_material_is_refused_with_the_fix_and_left_as_it_was(Func<TestHome, string> locate, Func<string, Task> loosen, string fix)
    {
        using var home = new TestHome();
        var helper = new HelperCli(home);
        HelperOutput.AssertSilentSuccess(await helper.StoreAsync("us.icr.io", "stored-user", FakeCredentials.NewApiKey()));
        var path = locate(home);
        await loosen(path);
        var before = home.KeystoreFingerprint();

        foreach (var call in new[] { HelperCall.Get("us.icr.io"), HelperCall.Store("de.icr.io") })
        {
            var line = HelperOutput.AssertOneLineFailure(await call.RunWithinAsync(helper, Deadlines.AFewSeconds));

            Assert.That(line, Does.Contain(path), $"{call}: the message must name the file");
            Assert.That(line, Does.Contain(fix), $"{call}: the message must give the {fix} that fixes it");
        }

        Assert.That(home.KeystoreFingerprint(), Is.EqualTo(before));
    }

    private static TestCaseData Case(string name, Func<TestHome, string> locate, Func<string, Task> loosen, string fix) =>
        new TestCaseData(locate, loosen, fix).SetArgDisplayNames(name);

    private static async Task ChownAsync(string path)
    {
        var result = await ProcessRunner.RunAsync("chown", ["nobody", path]);
        Assert.That(result.Succeeded, $"chown needs root: {result}");
    }

    private static Task ChmodAsync(string path, UnixFileMode mode)
    {
        File.SetUnixFileMode(path, mode);
        return Task.CompletedTask;
    }
}
