using Ibmtp.Hosts;
using Ibmtp.Keystores;

namespace Ibmtp.Testing.Keystores;

/// <summary>A keystore in a dictionary, with hooks to fail or change a chosen call.</summary>
public sealed class InMemoryKeystore : IKeystore
{
    public Dictionary<string, StoredLogin> Logins { get; } = new(StringComparer.Ordinal);

    /// <summary>Called before each save; throw from it to fail that save.</summary>
    public Action<RegistryHost> BeforeSave { get; set; } = _ => { };

    /// <summary>What a find answers instead of the saved login, to play a store that reads back something else.</summary>
    public Func<RegistryHost, StoredLogin?, StoredLogin?> OnFind { get; set; } = (_, login) => login;

    public StoredLogin? Find(RegistryHost host) => OnFind(host, Logins.GetValueOrDefault(host.ToString()));

    public void Save(RegistryHost host, StoredLogin login)
    {
        BeforeSave(host);
        Logins[host.ToString()] = login;
    }

    /// <summary>Called before each removal, with whether the writes are held.</summary>
    public Action<RegistryHost, bool> BeforeRemove { get; set; } = (_, _) => { };

    /// <summary>Whether <see cref="HoldWrites"/> is held now.</summary>
    public bool WritesHeld { get; private set; }

    public bool Remove(RegistryHost host)
    {
        BeforeRemove(host, WritesHeld);
        return Logins.Remove(host.ToString());
    }

    public IDisposable HoldWrites()
    {
        WritesHeld = true;
        return new Released(this);
    }

    public IReadOnlyDictionary<string, string> Usernames() => Logins.ToDictionary(entry => entry.Key, entry => entry.Value.Username);

    public string Check() => $"in memory, {Logins.Count} login(s)";

    private sealed class Released(InMemoryKeystore keystore) : IDisposable
    {
        public void Dispose() => keystore.WritesHeld = false;
    }
}
