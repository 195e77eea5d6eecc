using Ibmtp.CommandLine;

namespace Ibmtp.Tests.CommandLine;

/// <summary>A person's command line reads as GNU-style programs read theirs, and anything else is one sentence.</summary>
[TestFixture]
public sealed class CommandSyntaxTests
{
    private static readonly CommandOption Json = new("--json", "as JSON");
    private static readonly CommandOption To = new("--to", "the store", OptionValue.Required, "store", Required: true);
    private static readonly CommandOption Kubelet = new("--kubelet", "the kubelet's config", OptionValue.Optional, "config");

    private static readonly CommandSyntax Doctor = new("doctor", "Explains.", [Json, Kubelet, new("--image", "the image", OptionValue.Required)])
    {
        Argument = new("host", "the registry", "us.icr.io"),
    };

    private static readonly CommandSyntax Keystore = new("keystore", "Manages stores.", [])
    {
        Subcommands = [new("keystore migrate", "Moves logins.", [To])],
    };

    private static ParsedArguments Parsed(CommandSyntax syntax, params string[] args)
    {
        Assert.That(syntax.Parse(args, out var parsed), Is.Null);
        return parsed;
    }

    [Test]
    public void A_flag_is_there_or_not()
    {
        Assert.That(Parsed(Doctor, "--json").Has(Json), Is.True);
        Assert.That(Parsed(Doctor).Has(Json), Is.False);
    }

    [TestCase("--to", "pass")]
    [TestCase("--to=pass")]
    public void A_value_follows_its_option_as_a_word_or_after_an_equals_sign(params string[] words)
    {
        var parsed = Parsed(Keystore, ["migrate", .. words]);

        Assert.That(parsed.Subcommand!.Name, Is.EqualTo("keystore migrate"));
        Assert.That(parsed.Value(To), Is.EqualTo("pass"));
    }

    [Test]
    public void An_optional_value_is_the_next_word_unless_that_is_an_option()
    {
        Assert.That(Parsed(Doctor, "--kubelet", "/etc/kubernetes/providers.yaml").Value(Kubelet), Is.EqualTo("/etc/kubernetes/providers.yaml"));

        var alone = Parsed(Doctor, "de.icr.io", "--kubelet", "--json");
        Assert.That((alone.Has(Kubelet), alone.Value(Kubelet), alone.Has(Json), alone.Argument), Is.EqualTo((true, (string?)null, true, "de.icr.io")));
    }

    [Test]
    public void The_argument_falls_back_to_its_default_and_may_stand_anywhere()
    {
        Assert.That(Parsed(Doctor).Argument, Is.EqualTo("us.icr.io"));
        Assert.That(Parsed(Doctor, "--json", "de.icr.io").Argument, Is.EqualTo("de.icr.io"));
        Assert.That(Parsed(Doctor, "--", "-odd").Argument, Is.EqualTo("-odd"));
    }

    [TestCase("--help")]
    [TestCase("-h")]
    [TestCase("-?")]
    public void Help_may_be_asked_anywhere_and_needs_no_required_option(string help)
    {
        Assert.That(Parsed(Doctor, "de.icr.io", help).HelpAsked, Is.True);
        Assert.That(Parsed(Keystore, "migrate", help).HelpAsked, Is.True);
    }

    [TestCase(new[] { "--bogus" }, "Unrecognized command or argument '--bogus'.")]
    [TestCase(new[] { "de.icr.io", "us.icr.io" }, "Unrecognized command or argument 'us.icr.io'.")]
    [TestCase(new[] { "--json=yes" }, "Option '--json' takes no value.")]
    [TestCase(new[] { "--image" }, "Required argument missing for option: '--image'.")]
    [TestCase(new[] { "--image", "--json" }, "Required argument missing for option: '--image'.")]
    [TestCase(new[] { "--image=" }, "Required argument missing for option: '--image'.")]
    [TestCase(new[] { "--json", "--json" }, "Option '--json' was given more than once.")]
    public void A_command_line_the_syntax_does_not_allow_is_one_sentence(string[] args, string problem)
    {
        Assert.That(Doctor.Parse(args, out _), Is.EqualTo(problem));
    }

    [TestCase(new string[0], "Required command was not provided.")]
    [TestCase(new[] { "move" }, "Unrecognized command or argument 'move'.")]
    [TestCase(new[] { "migrate" }, "Option '--to' is required.")]
    [TestCase(new[] { "migrate", "--to" }, "Required argument missing for option: '--to'.")]
    public void A_sub_command_and_a_required_option_must_be_given(string[] args, string problem)
    {
        Assert.That(Keystore.Parse(args, out _), Is.EqualTo(problem));
    }

    [Test]
    public void A_required_value_may_start_with_a_dash_when_it_names_no_option()
    {
        Assert.That(Parsed(Keystore, "migrate", "--to", "-weird").Value(To), Is.EqualTo("-weird"));
    }

    [Test]
    public void Help_names_the_usage_the_argument_every_option_and_its_value()
    {
        Assert.That(Doctor.HelpText(), Is.EqualTo("""
            Explains.

            Usage: docker-credential-ibmtp doctor [host] [options]

            Argument:
              host  the registry (default: us.icr.io)

            Options:
              --json              as JSON
              --kubelet [config]  the kubelet's config
              --image <image>     the image
              -h, --help          show this help
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void Help_of_a_command_with_sub_commands_lists_them_and_marks_required_options()
    {
        Assert.That(Keystore.HelpText(), Does.Contain("Usage: docker-credential-ibmtp keystore <migrate> [options]").And.Contain("\n  migrate  Moves logins.\n"));
        Assert.That(Keystore.Subcommands[0].HelpText(), Does.Contain("\n  --to <store>  the store (required)\n"));
    }

    [Test]
    public void A_descriptiondescription_wraps_at_a_word_under_its_first_line()
    {
        var description = string.Join(' ', Enumerable.Repeat("word", 40));
        var help = new CommandSyntax("configure", "Configures.", [new("--docker", description)]).HelpText();

        var lines = help.Split('\n').SkipWhile(line => !line.StartsWith("  --docker", StringComparison.Ordinal)).TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal) && !line.Contains("--help")).ToArray();
        Assert.That(lines, Has.Length.GreaterThan(1));
        Assert.That(lines, Has.All.Length.LessThanOrEqualTo(100));
        var indent = new string(' ', lines[0].IndexOf("word", StringComparison.Ordinal));
        Assert.That(lines.Skip(1), Has.All.StartsWith(indent + "word"));
        Assert.That(lines.SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)), Is.EqualTo(("--docker " + description).Split(' ')));
    }
}
