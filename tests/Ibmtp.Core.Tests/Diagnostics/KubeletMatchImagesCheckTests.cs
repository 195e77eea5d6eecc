using Ibmtp.Diagnostics;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The kubelet matchImages check: every ICR image reaches the provider, by the kubelet's own matching.</summary>
[TestFixture]
public sealed class KubeletMatchImagesCheckTests : KubeletCheckFixture
{
    private const string ShippedGlobs = "      - \"icr.io\"\n      - \"*.icr.io\"\n      - \"*.*.icr.io\"\n";

    private IReadOnlyList<Fact> RunWith(string globs, string image = Image) =>
        Run(new KubeletMatchImagesCheck(Setup(Shipped(ShippedGlobs, globs), image: image)), image);

    [Test]
    public void The_shipped_globs_match_every_ICR_host_form()
    {
        var facts = Run(new KubeletMatchImagesCheck(Setup()));

        Assert.That(facts, Is.EqualTo(new[] { new Fact("kubelet matchImages", "icr.io, *.icr.io, *.*.icr.io: match icr.io, every region and the private hosts") }));
    }

    [TestCase("*.icr.io/*")]
    [TestCase("*.icr.io/namespace/*")]
    public void A_glob_in_a_path_never_matches_and_is_a_problem(string glob)
    {
        var facts = RunWith($"      - \"icr.io\"\n      - \"{glob}\"\n      - \"*.*.icr.io\"\n");

        Assert.That(Problems(facts).Select(fact => fact.Value), Has.Some.StartsWith($"{glob}: the kubelet compares a path as text"));
        Assert.That(Problems(facts).Select(fact => fact.Value), Has.Some.Contains("no pattern matches images on us.icr.io: add \"*.icr.io\""));
    }

    [Test]
    public void A_path_limits_the_pattern_to_it_and_is_a_problem()
    {
        var facts = RunWith(ShippedGlobs + "      - \"de.icr.io/team\"\n");

        Assert.That(Problems(facts).Single().Value, Does.StartWith("de.icr.io/team: has a path: only images under /team match"));
    }

    [Test]
    public void A_port_never_matches_an_ICR_image_and_is_a_problem()
    {
        var facts = RunWith(ShippedGlobs + "      - \"us.icr.io:443\"\n");

        Assert.That(Problems(facts).Single().Value, Does.StartWith("us.icr.io:443: names port 443"));
    }

    [Test]
    public void A_pattern_no_ICR_host_matches_is_a_problem()
    {
        var facts = RunWith(ShippedGlobs + "      - \"*.amazonaws.com\"\n");

        Assert.That(Problems(facts).Single().Value, Does.StartWith("*.amazonaws.com: matches no ICR host"));
    }

    [Test]
    public void A_malformed_glob_matches_nothing_and_is_a_problem()
    {
        var facts = RunWith(ShippedGlobs + "      - \"[ud]e.icr.io[\"\n");

        Assert.That(Problems(facts).Single().Value, Does.StartWith("[ud]e.icr.io[: is a malformed glob"));
    }

    [Test]
    public void A_regional_pattern_matches_an_ICR_host()
    {
        var facts = RunWith(ShippedGlobs + "      - \"de.icr.io\"\n");

        Assert.That(Problems(facts), Is.Empty);
    }

    [Test]
    public void Private_regional_hosts_need_two_labels_of_glob()
    {
        var facts = RunWith("      - \"icr.io\"\n      - \"*.icr.io\"\n");

        Assert.That(Problems(facts).Single().Value, Is.EqualTo("no pattern matches images on private.us.icr.io: add \"*.*.icr.io\""));
    }

    [Test]
    public void An_image_no_pattern_matches_is_a_problem()
    {
        var facts = Run(new KubeletMatchImagesCheck(Setup(image: "quay.io/team/app")), "quay.io/team/app");

        Assert.That(Problems(facts).Single().Value, Does.StartWith("no pattern matches quay.io/team/app: the kubelet never asks the provider"));
    }
}
