using Ibmtp.Platform;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Commands;

[TestFixture]
public class ActionsTests
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

    [Test]
    public void Help_prints_usage_naming_every_action()
    {
        var result = Run(["--help"]);

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Does.StartWith("Usage: docker-credential-ibmtp"));
        Assert.That(result.Stdout, Does.Contain("get").And.Contain("store").And.Contain("erase").And.Contain("list").And.Contain("version"));
    }

    private static readonly string[][] NoAction = [[], [""]];

    [TestCaseSource(nameof(NoAction))]
    public void No_action_fails_with_one_line_pointing_to_the_actions(string[] args)
    {
        var result = Run(args);

        HelperAssert.OneLineFailure(result);
        Assert.That(result.Stdout, Does.Contain("get, store, erase, list or version"));
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
