using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A symbolic link planted at a path the helper opens, pointing at an existing file (or folder) or at
/// nothing. The helper's own files are never followed: the target is never created, modified or read
/// into output, and the call either fails with one line or does without the file. Files the user names
/// (the config file, an @file) may be read through a link, as Kubernetes secret mounts need, but are
/// never written through.
/// </summary>
[TestFixture]
public sealed class PlantedSymlinkTests : IamEmulatorFixture
{
    public static IEnumerable<TestCaseData> OurFiles() => Cases(PlantSites.Ours);

    public static IEnumerable<TestCaseData> FilesTheUserNames() => Cases(PlantSites.NamedByTheUser);

    [TestCaseSource(nameof(OurFiles))]
    public Task A_link_at_one_of_our_files_is_never_followed_to_create_modify_or_show_its_target(PlantSite site, bool targetExists) =>
        AssertNeverFollowedAsync(site, targetExists, mayBeRead: false);

    [TestCaseSource(nameof(FilesTheUserNames))]
    public Task A_link_at_a_file_the_user_names_is_never_written_through(PlantSite site, bool targetExists) =>
        AssertNeverFollowedAsync(site, targetExists, mayBeRead: true);

    /// <param name="mayBeRead">A file the user names may be read through the link; one of ours may not even be read.</param>
    private async Task AssertNeverFollowedAsync(PlantSite site, bool targetExists, bool mayBeRead)
    {
        var sentinel = await PlantLinkAsync(site, targetExists);

        foreach (var call in site.Calls)
        {
            var context = $"{call} with the {site} linked to {sentinel}";
            var result = await call.RunWithinAsync(Helper, Deadlines.AFewSeconds);

            if (!mayBeRead)
            {
                Assert.That(result.StandardOutput + result.StandardError, Does.Not.Contain(sentinel.Content), $"{context}: the target was read into output");
            }

            if (!result.Succeeded)
            {
                HelperOutput.AssertOneLineFailure(result);
            }

            sentinel.AssertUntouched(context);
        }
    }

    private async Task<Sentinel> PlantLinkAsync(PlantSite site, bool targetExists)
    {
        await site.PrepareAsync(Home, World);
        var elsewhere = Home.Subdirectory("elsewhere");
        var sentinel = targetExists ? Sentinel.Create(elsewhere, site.IsFolder) : Sentinel.Missing(elsewhere, site.IsFolder);
        Plant.Symlink(site.Path(Home), sentinel.Path);
        return sentinel;
    }

    private static IEnumerable<TestCaseData> Cases(IEnumerable<PlantSite> sites) =>
        sites.SelectMany(site => new[] { true, false }.Select(targetExists =>
            new TestCaseData(site, targetExists).SetArgDisplayNames(site.Name, targetExists ? "to an existing target" : "to a missing target")));
}
