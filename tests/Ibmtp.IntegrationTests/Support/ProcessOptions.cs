namespace Ibmtp.IntegrationTests;

/// <summary>How <see cref="ProcessRunner"/> starts one process.</summary>
public sealed record ProcessOptions
{
    /// <summary>Written to the process's stdin, which is then closed; stdin is closed at once when null.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Raw bytes for stdin, e.g. input that is not UTF-8; used instead of <see cref="StandardInput"/> when set.</summary>
    public byte[]? StandardInputBytes { get; init; }

    /// <summary>Variables set for the process, on top of the inherited ones unless <see cref="InheritEnvironment"/> is false.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>When false the process sees only <see cref="Environment"/>, nothing of the test runner's.</summary>
    public bool InheritEnvironment { get; init; } = true;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    public string? WorkingDirectory { get; init; }
}
