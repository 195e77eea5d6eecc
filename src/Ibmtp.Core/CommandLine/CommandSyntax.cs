using System.Text;

namespace Ibmtp.CommandLine;

/// <summary>
/// The command line of a command a person runs: its options, its one argument or its sub-commands, the
/// parse, and the help text written from them. It reads what people type to GNU-style programs:
/// <c>--to file</c> or <c>--to=file</c>, <c>--help</c> (<c>-h</c>, <c>-?</c>) anywhere, <c>--</c> before a
/// word that starts with a dash. Written here rather than taken from a command-line library because
/// every type of such a library costs every <c>get</c> its static fields at start-up
/// (bench/startup-statics.md); for the same reason it holds arrays and no list of its own types.
/// </summary>
/// <param name="Name">The words a person types after the helper's name (<c>keystore migrate</c>).</param>
public sealed record CommandSyntax(string Name, string Description, CommandOption[] Options)
{
    private const string HelpDescription = "show this help";
    private const int LineWidth = 100;

    /// <summary>The one word the command takes that is not an option, if any.</summary>
    public CommandArgument? Argument { get; init; }

    /// <summary>The commands of which one must follow this one's name (<c>keystore migrate</c>).</summary>
    public CommandSyntax[] Subcommands { get; init; } = [];

    private string LastWord => Name[(Name.LastIndexOf(' ') + 1)..];

    /// <summary>Reads the words after the command's name; returns what is wrong with them, in one sentence, or null.</summary>
    public string? Parse(IReadOnlyList<string> args, out ParsedArguments parsed)
    {
        parsed = new ParsedArguments();
        return Parse(args, 0, parsed);
    }

    private string? Parse(IReadOnlyList<string> args, int start, ParsedArguments parsed)
    {
        var endOfOptions = false;
        for (var index = start; index < args.Count; index++)
        {
            var word = args[index];
            if (!endOfOptions && word == "--")
            {
                endOfOptions = true;
            }
            else if (!endOfOptions && IsHelp(word))
            {
                parsed.HelpAsked = true;
            }
            else if (!endOfOptions && word.StartsWith('-') && word.Length > 1)
            {
                if (ReadOption(args, ref index, parsed) is { } problem)
                    return problem;
            }
            else if (Subcommands.Length > 0 && parsed.Subcommand is null)
            {
                var subcommand = Array.Find(Subcommands, candidate => candidate.LastWord == word);
                if (subcommand is null)
                    return Unrecognized(word);
                parsed.Subcommand = subcommand;
                return subcommand.Parse(args, index + 1, parsed);
            }
            else if (Argument is not null && parsed.Argument is null)
            {
                parsed.Argument = word;
            }
            else
            {
                return Unrecognized(word);
            }
        }

        if (parsed.HelpAsked)
            return null;
        if (Subcommands.Length > 0)
            return "Required command was not provided.";
        if (Array.Find(Options, option => option.Required && !parsed.Has(option)) is { } missing)
            return $"Option '{missing.Name}' is required.";
        parsed.Argument ??= Argument?.Default;
        return null;
    }

    private string? ReadOption(IReadOnlyList<string> args, ref int index, ParsedArguments parsed)
    {
        var word = args[index];
        var equals = word.IndexOf('=');
        var name = equals < 0 ? word : word[..equals];
        var option = Array.Find(Options, candidate => candidate.Name == name);
        if (option is null)
            return Unrecognized(word);

        string? value = null;
        if (equals >= 0)
        {
            if (option.Value == OptionValue.None)
                return $"Option '{name}' takes no value.";
            value = word[(equals + 1)..];
            if (value.Length == 0)
                return $"Required argument missing for option: '{name}'.";
        }
        else if (option.Value != OptionValue.None && index + 1 < args.Count && IsValue(args[index + 1], option.Value))
        {
            value = args[++index];
        }
        else if (option.Value == OptionValue.Required)
        {
            return $"Required argument missing for option: '{name}'.";
        }

        return parsed.Add(option, value) ? null : $"Option '{name}' was given more than once.";
    }

    // An optional value is never a word that starts with a dash; a required one is, unless it names an option.
    private bool IsValue(string next, OptionValue value) => value == OptionValue.Required
        ? !IsHelp(next) && next != "--" && !Array.Exists(Options, option => next == option.Name || next.StartsWith(option.Name + "=", StringComparison.Ordinal))
        : !next.StartsWith('-');

    private static bool IsHelp(string word) => word is "--help" or "-h" or "-?";

    private static string Unrecognized(string word) => $"Unrecognized command or argument '{word}'.";

    /// <summary>The text <c>--help</c> prints.</summary>
    public string HelpText()
    {
        var usage = new StringBuilder(HelperInfo.Name).Append(' ').Append(Name);
        if (Subcommands.Length > 0)
            usage.Append(" <").Append(string.Join('|', Array.ConvertAll(Subcommands, subcommand => subcommand.LastWord))).Append('>');
        if (Argument is not null)
            usage.Append(" [").Append(Argument.Name).Append(']');
        usage.Append(" [options]");

        var text = new StringBuilder()
            .AppendLine(Description)
            .AppendLine()
            .AppendLine($"Usage: {usage}");
        if (Argument is not null)
        {
            text.AppendLine().AppendLine("Argument:");
            AppendRows(text, [(Argument.Name, $"{Argument.Description} (default: {Argument.Default})")]);
        }
        if (Subcommands.Length > 0)
        {
            text.AppendLine().AppendLine("Commands:");
            AppendRows(text, Array.ConvertAll(Subcommands, subcommand => (subcommand.LastWord, subcommand.Description)));
        }
        text.AppendLine().AppendLine("Options:");
        AppendRows(text, [.. Array.ConvertAll(Options, option => (option.HelpName, option.Required ? $"{option.Description} (required)" : option.Description)), ("-h, --help", HelpDescription)]);
        return text.ToString().TrimEnd();
    }

    private static void AppendRows(StringBuilder text, (string Name, string Description)[] rows)
    {
        var width = 0;
        foreach (var (name, _) in rows)
            width = Math.Max(width, name.Length + 2);
        foreach (var (name, description) in rows)
        {
            text.Append("  ").Append(name.PadRight(width));
            AppendWrapped(text, description, indent: 2 + width);
        }
    }

    // Long descriptions wrap at word boundaries, each line indented under the first, as terminals are often 80 to 100 columns wide.
    private static void AppendWrapped(StringBuilder text, string description, int indent)
    {
        var room = Math.Max(LineWidth - indent, 30);
        var column = 0;
        foreach (var word in description.Split(' '))
        {
            if (column > 0 && column + 1 + word.Length > room)
            {
                text.AppendLine().Append(' ', indent);
                column = 0;
            }
            else if (column > 0)
            {
                text.Append(' ');
                column++;
            }
            text.Append(word);
            column += word.Length;
        }
        text.AppendLine();
    }
}
