namespace Ibmtp.IntegrationTests;

/// <summary>A client whose login stores through the helper and whose logout erases through it: docker or podman.</summary>
public interface ILoginClient
{
    /// <summary>The password goes through stdin, never argv.</summary>
    Task<ProcessResult> LoginAsync(string host, string username, string password);

    Task<ProcessResult> LogoutAsync(string host);
}
