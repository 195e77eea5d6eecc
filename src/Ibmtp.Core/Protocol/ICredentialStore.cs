namespace Ibmtp.Protocol;

/// <summary>
/// The seam between the protocol and the rest of the helper, as in docker-credential-helpers:
/// the protocol layer parses and prints, the store decides.
/// </summary>
public interface ICredentialStore
{
    /// <summary>Saves credentials for a registry (docker login / podman login).</summary>
    void Add(Credentials credentials);

    /// <summary>Removes saved credentials; throws <see cref="CredentialsNotFoundException"/> when none exist.</summary>
    void Delete(string serverUrl);

    /// <summary>Finds credentials for a registry; throws <see cref="CredentialsNotFoundException"/> when none apply.</summary>
    Credentials Get(string serverUrl);

    /// <summary>Saved registries and their usernames.</summary>
    IReadOnlyDictionary<string, string> List();
}
