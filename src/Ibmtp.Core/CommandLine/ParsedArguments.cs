namespace Ibmtp.CommandLine;

/// <summary>What a command line gave each option of a <see cref="CommandSyntax"/>.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> _given = new(StringComparer.Ordinal);

    /// <summary>The sub-command named (<c>migrate</c> of <c>keystore migrate</c>), or null.</summary>
    public CommandSyntax? Subcommand { get; internal set; }

    public bool HelpAsked { get; internal set; }

    /// <summary>The command's argument as given, or its default; null when the command takes none.</summary>
    public string? Argument { get; internal set; }

    /// <summary>Whether the option was on the command line, with or without a value.</summary>
    public bool Has(CommandOption option) => _given.ContainsKey(option.Name);

    /// <summary>The option's value, or null when it was not given or given without one.</summary>
    public string? Value(CommandOption option) => _given.GetValueOrDefault(option.Name);

    internal bool Add(CommandOption option, string? value) => _given.TryAdd(option.Name, value);
}
