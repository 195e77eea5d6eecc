namespace Ibmtp.IntegrationTests;

/// <summary>A client whose login stores through the helper and whose logout erases through it: docker or podman.</summary>
public interface ILoginClient
{
    /// <summary>The password goes through stdin, never argv.</summary>
    Task<ProcessResult> LoginAsync(string host, string username, string password);

    Task<ProcessResult> LogoutAsync(string host);
}

/// <summary>A client of the containers tools, whose logout can also erase every login at once.</summary>
public interface ILogoutAllClient : ILoginClient
{
    /// <summary>Erases through every helper the auth file names, then empties its credHelpers map.</summary>
    Task<ProcessResult> LogoutAllAsync();
}
