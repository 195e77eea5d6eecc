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

        Assert.DoesNotThrow(() => fuzzTarget.Check(File.ReadAllBytes(file)));
    }

    [TestCaseSource(typeof(FuzzTargets), nameof(FuzzTargets.Names))]
    public void Every_target_has_a_seed_corpus(string target)
    {
        var folder = RepositoryFiles.Path("tests", "Ibmtp.Fuzz", "Corpus", target);

        Assert.That(Directory.Exists(folder) ? Directory.EnumerateFiles(folder) : [], Is.Not.Empty, $"{folder} holds no seed");
    }
}
