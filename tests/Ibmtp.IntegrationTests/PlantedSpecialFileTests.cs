using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A FIFO with no writer, or a /dev/zero device node, in place of a file the helper reads: each call
/// must end within seconds (a hang fails the test) with one line naming the file and no stack trace.
/// Only a cache or the log may instead be done without, and the call succeed.
/// </summary>
[TestFixture]
public sealed class PlantedSpecialFileTests : IamEmulatorFixture
{
    private const string Fifo = "a FIFO";
    private const string DevZero = "/dev/zero";

    public static IEnumerable<TestCaseData> FilesWeRead() =>
        PlantSites.Read.SelectMany(site => new[] { Fifo, DevZero }.Select(planted =>
            new TestCaseData(site, planted).SetArgDisplayNames(site.Name, planted)));

    [TestCaseSource(nameof(FilesWeRead))]
    public async Task A_FIFO_or_a_device_in_place_of_a_file_we_read_ends_the_call_within_seconds_naming_the_file(PlantSite site, string planted)
    {
        await site.PrepareAsync(Home, World);
        var path = site.Path(Home);
        await (planted == Fifo ? Plant.FifoAsync(path) : Plant.DevZeroAsync(path));

        await AssertEachCallEndsInTimeNamingAsync(site, path, planted);
    }

    private async Task AssertEachCallEndsInTimeNamingAsync(PlantSite site, string path, string planted)
    {
        foreach (var call in site.Calls)
        {
            var context = $"{call} with {planted} as the {site}";
            ProcessResult result;
            try
            {
                result = await call.RunWithinAsync(Helper, Deadlines.AFewSeconds);
            }
            catch (TimeoutException hang)
            {
                Assert.Fail($"{context}: hung for {Deadlines.AFewSeconds.TotalSeconds} s, then was killed\n{hang.Message}");
                return;
            }

            if (site.MaySucceedOverGarbage && result.Succeeded)
            {
                continue;
            }

            var line = HelperOutput.AssertOneLineFailure(result);
            Assert.That(line, Does.Contain(path), $"{context}: the message must name the file");
        }
    }
}
