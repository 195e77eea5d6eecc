using Ibmtp.Fuzz;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Fuzzing;

/// <summary>
/// Replays every committed fuzz input, the seed corpus and every crash the fuzzer ever found,
/// through the same target checks tests/fuzz.sh runs under afl-fuzz, so that a fixed crash stays fixed.
/// </summary>
[TestFixture]
public class FuzzInputTests
{
    private static readonly string[] Collections = ["Corpus", "Regressions"];

    /// <summary>What tests/fuzz.sh gives afl-fuzz as its hang limit (hang_ms).</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(5);

    public static IEnumerable<TestCaseData> SavedInputs() =>
        from collection in Collections
        from target in FuzzTargets.Names
        let folder = RepositoryFiles.Path("tests", "Ibmtp.Fuzz", collection, target)
        where Directory.Exists(folder)
        from file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
        select new TestCaseData(target, file).SetArgDisplayNames($"{collection}/{target}/{Path.GetFileName(file)}");

    [TestCaseSource(nameof(SavedInputs))]
    public void A_saved_input_keeps_every_property_of_its_target(string target, string file)
    {
        using var fuzzTarget = FuzzTargets.Create(target);
        var input = File.ReadAllBytes(file);

        // A failed check throws out of Wait; one that never ends is a hang.
        var check = Task.Run(() => fuzzTarget.Check(input));
        Assert.That(check.Wait(HangLimit), Is.True, $"checking {file} took longer than {HangLimit.TotalSeconds} s, which afl-fuzz counts as a hang");
    }

    [Test]
    public void Every_folder_of_saved_inputs_is_named_after_a_target()
    {
        var folders = Collections
            .Select(collection => RepositoryFiles.Path("tests", "Ibmtp.Fuzz", collection))
            .SelectMany(Directory.EnumerateDirectories)
            .Select(Path.GetFileName)
            .Distinct();

        Assert.That(folders, Is.SubsetOf(FuzzTargets.Names), "tests/fuzz.sh fuzzes each folder of Corpus, and the replay skips a folder no target is named after");
    }

    [TestCaseSource(typeof(FuzzTargets), nameof(FuzzTargets.Names))]
    public void Every_target_has_a_seed_corpus(string target)
    {
        var folder = RepositoryFiles.Path("tests", "Ibmtp.Fuzz", "Corpus", target);

        Assert.That(Directory.Exists(folder) ? Directory.EnumerateFiles(folder) : [], Is.Not.Empty, $"{folder} holds no seed");
    }
}
