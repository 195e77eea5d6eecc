using Ibmtp.Hosts;

namespace Ibmtp.Keystores;

/// <summary>Saved registry logins, one per host.</summary>
public interface IKeystore
{
    StoredLogin? Find(RegistryHost host);

    void Save(RegistryHost host, StoredLogin login);

    /// <summary>Returns false when nothing was saved for the host.</summary>
    bool Remove(RegistryHost host);

    /// <summary>Saved hosts and their usernames.</summary>
    IReadOnlyDictionary<string, string> Usernames();
}
