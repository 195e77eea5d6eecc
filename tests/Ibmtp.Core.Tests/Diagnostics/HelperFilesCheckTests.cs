using Ibmtp.Diagnostics;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>The helper's files check: each of the helper's own files, where it is and its mode, or that it is not there yet.</summary>
[TestFixture]
public sealed class HelperFilesCheckTests : CheckFixture
{
    private IReadOnlyList<Fact> Run()
    {
        var facts = new FactSheet();
        new HelperFilesCheck(Services).Run(Registry.Host("us.icr.io"), facts);
        return facts.Facts;
    }

    private static string ValueOf(IReadOnlyList<Fact> facts, string name) => facts.Single(fact => fact.Name == name).Value;

    [Test]
    public void A_config_file_is_listed_with_its_mode()
    {
        var config = Home.WriteConfig("{}");
        File.SetUnixFileMode(config, FileModes.OwnerOnlyFile);

        Assert.That(ValueOf(Run(), "config file"), Is.EqualTo($"{config} (0600)"));
    }

    [Test]
    public void The_token_cache_and_the_log_are_listed_where_the_helper_keeps_them_even_before_they_exist()
    {
        var facts = Run();

        Assert.That(ValueOf(facts, "token cache"), Is.EqualTo($"{Path.Combine(Home.Variables["XDG_CACHE_HOME"], "ibmtp")} (not there yet)"));
        Assert.That(ValueOf(facts, "log"), Does.StartWith($"{Path.Combine(Home.Variables["XDG_STATE_HOME"], "ibmtp", "ibmtp.log")} ("));
    }

    [Test]
    public void A_folder_that_is_there_is_listed_with_its_mode()
    {
        var cache = Directory.CreateDirectory(Path.Combine(Home.Variables["XDG_CACHE_HOME"], "ibmtp")).FullName;
        File.SetUnixFileMode(cache, FileModes.OwnerOnlyFolder);

        Assert.That(ValueOf(Run(), "token cache"), Is.EqualTo($"{cache} (0700)"));
    }

    [Test]
    public void The_helpers_files_come_in_one_order()
    {
        Assert.That(Run().Select(fact => fact.Name), Is.EqualTo(new[] { "config file", "keystore", "token cache", "log" }));
    }
}
