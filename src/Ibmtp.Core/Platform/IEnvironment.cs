namespace Ibmtp.Platform;

/// <summary>Environment variables, behind an interface so that no core code reads the process directly.</summary>
public interface IEnvironment
{
    string? Get(string name);
}
