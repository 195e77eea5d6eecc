namespace Ibmtp.CommandLine;

/// <summary>One option of a person's command, as its help lists it.</summary>
/// <param name="ValueName">The word for its value in the help text (<c>--kubelet [config]</c>); the option's name without dashes when not given.</param>
public sealed record CommandOption(string Name, string Description, OptionValue Value = OptionValue.None, string? ValueName = null, bool Required = false)
{
    public string HelpName => Value switch
    {
        OptionValue.None => Name,
        OptionValue.Required => $"{Name} <{ValueName ?? Name.TrimStart('-')}>",
        OptionValue.Optional => $"{Name} [{ValueName ?? Name.TrimStart('-')}]",
        _ => throw new ArgumentOutOfRangeException(nameof(Value), Value, null),
    };
}
