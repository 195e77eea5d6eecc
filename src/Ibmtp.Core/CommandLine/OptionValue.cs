namespace Ibmtp.CommandLine;

/// <summary>Whether an option of a person's command takes a value after it.</summary>
public enum OptionValue
{
    /// <summary>A flag: <c>--json</c>.</summary>
    None,

    /// <summary><c>--to file</c> or <c>--to=file</c>.</summary>
    Required,

    /// <summary><c>--kubelet</c> alone, or <c>--kubelet config.yaml</c>: the next word is its value unless it is an option.</summary>
    Optional,
}
