using System.Text.RegularExpressions;
using Ibmtp.Commands;
using Ibmtp.Configuration;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Commands;

[TestFixture]
public class CommandTableTests
{
    // No HOME, no XDG folders: actions that need no files must not look for any.
    private static readonly DictionaryEnvironment EmptyEnvironment = new(new Dictionary<string, string>());

    [TestCase("version")]
    [TestCase("--version")]
    public void Version_prints_one_line_naming_the_binary_the_package_and_the_version(string action)
    {
        var result = Run([action]);

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Does.Match(@"^docker-credential-ibmtp \(ibmtp\) \d+\.\d+\.\d+\n$"));
    }

    [TestCase("help")]
    [TestCase("--help")]
    [TestCase("-h")]
    public void Help_prints_usage_naming_every_command_with_its_summary(string spelling)
    {
        var result = Run([spelling]);

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Does.StartWith($"Usage: docker-credential-ibmtp <{string.Join('|', CommandTable.All.Select(command => command.Name))}>"));
        Assert.That(CommandTable.All.Take(6).Select(command => command.Name), Is.EqualTo(new[] { "get", "store", "erase", "list", "version", "help" }));
        foreach (var command in CommandTable.All)
            Assert.That(result.Stdout, Does.Match($@"\n  {command.Name} +{Regex.Escape(command.Summary)}"), command.Name);
    }

    [Test]
    public void Help_lists_every_setting_with_its_variables_and_config_file_key()
    {
        var usage = Run(["--help"]).Stdout;

        foreach (var setting in SettingsTable.All)
        {
            Assert.That(usage, Does.Contain(setting.Variables + (setting.FileKey is null ? " " : $" [{setting.FileKey}]")), setting.Variable);
            Assert.That(usage, Does.Contain(setting.Meaning), setting.Variable);
        }
    }

    [Test]
    public void Every_command_in_the_table_is_run_by_its_name_and_its_aliases()
    {
        foreach (var command in CommandTable.All)
        {
            foreach (var name in command.Aliases.Prepend(command.Name))
                Assert.That(CommandTable.Find(name), Is.SameAs(command), name);
        }
    }

    private static readonly string[][] NoAction = [[], [""]];

    [TestCaseSource(nameof(NoAction))]
    public void No_action_fails_with_one_line_pointing_to_the_actions(string[] args)
    {
        var result = Run(args);

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain("use get, store, erase, list, version"));
    }

    [TestCase("frobnicate")]
    [TestCase("GET")]
    [TestCase("get-all")]
    public void An_unknown_action_is_named_in_the_error(string action)
    {
        HelperAssert.FailsWith(Run([action]), $"docker-credential-ibmtp: unknown action: {action}");
    }

    [Test]
    public void Nothing_but_protocol_output_is_written_and_stderr_stays_empty()
    {
        Assert.That(Run(["version"]).Stderr, Is.Empty);
        Assert.That(Run(["frobnicate"]).Stderr, Is.Empty);
    }

    private static HelperResult Run(string[] args)
    {
        using var stdin = new MemoryStream();
        return HelperRun.Run(EmptyEnvironment, args, stdin);
    }
}
