using Ibmtp.Hosts;

namespace Ibmtp.Keystores;

/// <summary>Saved registry logins, one per host.</summary>
public interface IKeystore
{
    StoredLogin? Find(RegistryHost host);

    void Save(RegistryHost host, StoredLogin login);

    /// <summary>Returns false when nothing was saved for the host.</summary>
    bool Remove(RegistryHost host);

    /// <summary>
    /// Holds the keystores' write lock, which every save and removal takes, until the answer is disposed;
    /// a read and the write that depends on it, made while it is held, are then one step to other writers.
    /// </summary>
    IDisposable HoldWrites();

    /// <summary>Saved hosts and their usernames, only ours.</summary>
    IReadOnlyDictionary<string, string> Usernames();

    /// <summary>
    /// Where the logins are kept, for <c>doctor</c>, after checking that the store can be reached now;
    /// throws a <see cref="HelperException"/> that says how to fix it when it cannot.
    /// </summary>
    string Check();
}
