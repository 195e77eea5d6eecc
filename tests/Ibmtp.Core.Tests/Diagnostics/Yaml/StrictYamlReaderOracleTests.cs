using System.Text;
using Ibmtp.Yaml;

using Ibmtp.Testing.Yaml;

namespace Ibmtp.Tests.Diagnostics.Yaml;

/// <summary>
/// Every document of the corpus reads to the tree YamlDotNet's node model reads: the credential
/// provider configs in the wild (this repository's, kubernetes' documentation's, k3s' and RKE2's),
/// their JSON forms, and legal but odd formatting of each construct the reader takes.
/// </summary>
public class StrictYamlReaderOracleTests
{
    private static readonly string Repository = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    private static IEnumerable<TestCaseData> Corpus()
    {
        yield return new TestCaseData(File.ReadAllText(Path.Combine(Repository, "packaging/kubernetes/credential-provider-config.yaml"))).SetName("packaging credential-provider-config.yaml");
        foreach (var (name, document) in YamlCorpus.Documents)
            yield return new TestCaseData(document).SetName(name);
    }

    [TestCaseSource(nameof(Corpus))]
    public void Reads_the_tree_YamlDotNet_reads(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);

        Assert.That(YamlOracle.Describe(StrictYamlReader.Read(bytes)), Is.EqualTo(YamlOracle.Expected(bytes)));
    }

    [Test]
    public void Reads_past_a_byte_order_mark_as_YamlDotNet_does()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("kind: CredentialProviderConfig\n")];

        Assert.That(YamlOracle.Describe(StrictYamlReader.Read(bytes)), Is.EqualTo(YamlOracle.Expected(bytes[3..])));
    }

    [Test]
    public void Reads_CRLF_line_ends_as_YamlDotNet_does()
    {
        var bytes = Encoding.UTF8.GetBytes(YamlCorpus.Documents.First(entry => entry.Name == "kubernetes docs example").Document.ReplaceLineEndings("\r\n"));

        Assert.That(YamlOracle.Describe(StrictYamlReader.Read(bytes)), Is.EqualTo(YamlOracle.Expected(bytes)));
    }
}
