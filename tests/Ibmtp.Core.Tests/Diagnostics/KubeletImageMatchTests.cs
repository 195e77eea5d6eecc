using Ibmtp.Diagnostics;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The kubelet's matching of matchImages patterns (kubernetes pkg/credentialprovider/keyring.go, URLsMatch).</summary>
[TestFixture]
public sealed class KubeletImageMatchTests
{
    [TestCase("*.icr.io", "us.icr.io/ns/app:1", true)]
    [TestCase("*.icr.io", "private.us.icr.io/ns/app:1", false)]
    [TestCase("*.*.icr.io", "private.us.icr.io/ns/app:1", true)]
    [TestCase("icr.io", "us.icr.io/ns/app", false)]
    [TestCase("icr.io", "icr.io/ns/app", true)]
    [TestCase("us.icr.io/ns", "us.icr.io/ns/app", true)]
    [TestCase("us.icr.io/other", "us.icr.io/ns/app", false)]
    [TestCase("us.icr.io/*", "us.icr.io/ns/app", false)]
    [TestCase("us.icr.io:443", "us.icr.io/ns/app", false)]
    [TestCase("localhost:5000", "localhost:5000/ns/app", true)]
    [TestCase("?s.icr.io", "us.icr.io/ns/app", true)]
    [TestCase("[ud][se].icr.io", "de.icr.io/ns/app", true)]
    [TestCase("[^u]s.icr.io", "us.icr.io/ns/app", false)]
    [TestCase("*.icr.io", "icr.io.evil.example/ns/app", false)]
    [TestCase(@"u\s.icr.io", "us.icr.io/ns/app", true)]
    [TestCase("[a-z][a-z].icr.io", "us.icr.io/ns/app", true)]
    [TestCase("[a-z][a-z].icr.io", "u1.icr.io/ns/app", false)]
    [TestCase("[us.icr.io", "[us.icr.io/ns/app", false)]
    [TestCase("us.icr.io[", "us.icr.io/ns/app", false)]
    [TestCase("*.[-].io", "us.icr.io/ns/app", false)]
    public void Matches_as_the_kubelet_does(string pattern, string image, bool matches) =>
        Assert.That(KubeletImageMatch.Matches(pattern, image), Is.EqualTo(matches));

    [TestCase("us.icr.io[")]
    [TestCase("[us.icr.io")]
    [TestCase("*.icr.[-]")]
    [TestCase(@"us.icr.io\")]
    public void A_malformed_glob_in_a_label_is_malformed(string pattern) =>
        Assert.That(KubeletImageMatch.IsMalformed(pattern), Is.True);

    [TestCase("*.*.icr.io")]
    [TestCase("[a-z][^0-9].icr.io")]
    [TestCase(@"\u\s.icr.io")]
    public void A_well_formed_glob_is_not_malformed(string pattern) =>
        Assert.That(KubeletImageMatch.IsMalformed(pattern), Is.False);
}
