namespace Ibmtp.IntegrationTests;

/// <summary>What a finished process left behind; its ToString serves as an assertion message.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;
}
