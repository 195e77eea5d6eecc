using System.Globalization;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The memory goal of the published binary's start-up: every `get` path, and the kubelet provider's
/// answer, peaks at no more resident memory than `docker-credential-ecr-login get` (Debian's Go helper)
/// on a host it does not serve. A stale start-up order (src/Ibmtp.Helper/startup-order.txt), or work
/// a path sets up and does not use, fails here first; bench/startup.sh measures the time as well.
/// Each path is held to the ecr-login runs of its own pairs, and every figure goes to the test's output,
/// so a CI log shows each margin, not only a failed one.
/// </summary>
[TestFixture]
[Category(NativeBinary.Category)]
public sealed class StartupFootprintTests : IamEmulatorFixture
{
    /// <summary>Runs of each path, each followed by a run of ecr-login (A B A B): the page cache, the
    /// machine's load and whatever else moves a peak between two moments moves both figures of a pair alike.</summary>
    private const int Pairs = 9;

    [Test]
    public async Task Every_get_path_peaks_at_no_more_memory_than_ECR_login()
    {
        var (helper, ecrLogin) = CopiesReadBackFromDisk(
            Path.Combine(Home.BinDirectory, HelperBinary.FileName), Peers.Require("docker-credential-ecr-login"));
        var stored = await Helper.StoreAsync(Registry, IamWorld.Builder.Id, World.BuilderApiKey);
        Assert.That(stored.ExitCode, Is.Zero, stored.ToString());

        var measured = new List<PairedPeaks>
        {
            await PairedPeaksAsync("host not served", helper, ecrLogin, "get", "docker.io", expectedExit: 1),
            await PairedPeaksAsync("keystore entry", helper, ecrLogin, "get", Registry),
        };
        Set(("IBMTP_API_KEY", World.BuilderApiKey), ("IBMTP_PROFILE_ID", IamWorld.Builder.Id));
        measured.Add(await PairedPeaksAsync("API key from the environment", helper, ecrLogin, "get", Registry));
        UseTokenMode();
        var cold = await GetAsync();
        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        measured.Add(await PairedPeaksAsync("token mode served from the cache", helper, ecrLogin, "get", Registry));
        measured.Add(await PairedPeaksAsync("kubelet provider served from the cache", helper, ecrLogin, "kubelet", KubeletRequests.ForAnImageInUsIcr));

        foreach (var pairs in measured)
            TestContext.Out.WriteLine(pairs);
        Assert.Multiple(() =>
        {
            foreach (var pairs in measured)
                Assert.That(pairs.HelperMedianKib, Is.LessThanOrEqualTo(pairs.EcrLoginMedianKib), pairs.ToString());
        });
    }

    /// <summary>
    /// Both binaries copied into one directory of this test and read back from disk by their first run.
    /// How a binary's pages came into the page cache moves its peak: on this repository's machine (ext4,
    /// Linux 6.18), the helper just written by `dotnet publish` peaked 60–100 KiB higher, and ecr-login
    /// just copied 50–100 KiB higher, than the same file read back from disk, while a symbolic link to it
    /// moved nothing. Run where they lie, the helper would be the file the publish just wrote, under the
    /// repository, and ecr-login one that apt wrote to /usr/bin long before, perhaps on another file
    /// system: each measured in a state of its own. The kubelet path's margin read 72–152 KiB that way,
    /// 92–208 KiB with both just copied, and 244–272 KiB with both read back (three runs each), ecr-login's
    /// own median within 0.1 MiB in all three. Read back is the state of any installed binary once the
    /// page cache has turned over, and the steadiest of the two in which both are alike.
    /// </summary>
    private (string Helper, string EcrLogin) CopiesReadBackFromDisk(string helper, string ecrLogin)
    {
        var directory = Home.Subdirectory("measured");
        var copies = (Helper: Path.Combine(directory, HelperBinary.FileName), EcrLogin: Path.Combine(directory, Path.GetFileName(ecrLogin)));
        File.Copy(helper, copies.Helper);
        File.Copy(ecrLogin, copies.EcrLogin);
        PageCache.Drop(copies.Helper);
        PageCache.Drop(copies.EcrLogin);
        return copies;
    }

    private async Task<PairedPeaks> PairedPeaksAsync(
        string path, string helper, string ecrLogin, string action, string input, int expectedExit = 0)
    {
        var helperPeaks = new List<long>();
        var ecrLoginPeaks = new List<long>();
        for (var pair = 0; pair < Pairs; pair++)
        {
            helperPeaks.Add(await PeakAsync(helper, action, input, expectedExit));
            // ecr-login answers a host it does not serve with "credentials not found in native keychain", exit 1.
            ecrLoginPeaks.Add(await PeakAsync(ecrLogin, "get", Registry, expectedExit: 1));
        }

        return new PairedPeaks(path, helperPeaks, ecrLoginPeaks);
    }

    private async Task<long> PeakAsync(string executable, string action, string input, int expectedExit)
    {
        var measured = await MeasuredGet.RunAsync(Home, executable, action, input);
        Assert.That(measured.Result.ExitCode, Is.EqualTo(expectedExit), measured.ToString());
        return measured.PeakResidentKilobytes;
    }

    /// <summary>The peak RSS (KiB) of each run of one path and of the ecr-login run that followed it.</summary>
    private sealed record PairedPeaks(string Path, IReadOnlyList<long> HelperKib, IReadOnlyList<long> EcrLoginKib)
    {
        public long HelperMedianKib => Median(HelperKib);

        public long EcrLoginMedianKib => Median(EcrLoginKib);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Path}: {HelperMedianKib / 1024.0:0.000} MiB against ecr-login's {EcrLoginMedianKib / 1024.0:0.000} MiB, " +
            $"medians of the same {HelperKib.Count} pairs, margin {EcrLoginMedianKib - HelperMedianKib} KiB " +
            $"(KiB, helper then ecr-login: {string.Join(", ", HelperKib.Zip(EcrLoginKib, (helper, ecrLogin) => $"{helper} {ecrLogin}"))})");

        private static long Median(IReadOnlyList<long> values) => values.Order().ElementAt(values.Count / 2);
    }
}
