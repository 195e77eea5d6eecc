using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// docker and podman call `get` for every host they know; for one the helper does not serve, the answer
/// is "not found" at once, whatever has been planted in the helper's files.
/// </summary>
[TestFixture]
public sealed class UnservedHostOverHostileFilesTests : IamEmulatorFixture
{
    private const string NotServed = "docker.io";

    public static IEnumerable<TestCaseData> Plantings() =>
        PlantSites.All.Select(site => new TestCaseData(site, "a link to nothing").SetArgDisplayNames(site.Name, "a link to nothing"))
            .Concat(PlantSites.Read.SelectMany(site => new[] { "a FIFO", "/dev/zero" }.Select(planted =>
                new TestCaseData(site, planted).SetArgDisplayNames(site.Name, planted))));

    [TestCaseSource(nameof(Plantings))]
    public async Task Get_for_a_host_not_served_answers_not_found_at_once(PlantSite site, string planted)
    {
        await site.PrepareAsync(Home, World);
        var path = site.Path(Home);
        switch (planted)
        {
            case "a FIFO":
                await Plant.FifoAsync(path);
                break;
            case "/dev/zero":
                await Plant.DevZeroAsync(path);
                break;
            default:
                Plant.Symlink(path, Path.Combine(Home.Subdirectory("elsewhere"), "nothing"));
                break;
        }

        var clock = Stopwatch.StartNew();
        var get = await Helper.RunWithinAsync(Deadlines.AFewSeconds, "get", NotServed);

        HelperOutput.AssertNotFound(get);
        Assert.That(clock.Elapsed, Is.LessThan(Deadlines.AtOnce));
    }
}
