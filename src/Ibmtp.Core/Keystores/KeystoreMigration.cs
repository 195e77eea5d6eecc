using Ibmtp.Hosts;

namespace Ibmtp.Keystores;

/// <summary>
/// Moves every login from one store to another without a moment where a login exists in neither:
/// each is copied and read back first, and the source loses its logins only once all of them check out.
/// A failure or a kill before that leaves the source complete; running the move again finishes it.
/// A login saved or removed in the source while the move runs (a <c>docker login</c> meanwhile) is
/// never lost: each login leaves the source only while it is still the one copied, checked just before
/// its removal under the stores' write lock.
/// </summary>
public static class KeystoreMigration
{
    /// <returns>The hosts moved.</returns>
    public static IReadOnlyList<RegistryHost> Move(IKeystore source, IKeystore target, Action<RegistryHost> copied)
    {
        // Everything is read before anything is written: a source that cannot be read stops the move at once.
        var logins = source.Usernames().Keys.Order(StringComparer.Ordinal).Select(address =>
        {
            var host = RegistryHost.TryParse(address, out var parsed) ? parsed : throw new HelperException($"the source keystore holds '{address}', which is no registry host; erase it first");
            return (Host: host, Stored: source.Find(host) ?? throw new HelperException($"the login for {host} went missing from the source keystore while it was being read; run the migration again"));
        }).ToList();

        foreach (var (host, stored) in logins)
        {
            target.Save(host, stored);
            if (target.Find(host) != stored)
                throw new HelperException($"the login for {host} did not read back the same from the new keystore; nothing was removed from the old one");
            copied(host);
        }

        var changed = new List<RegistryHost>();
        foreach (var (host, stored) in logins)
        {
            if (!RemoveIfStill(source, host, stored))
                changed.Add(host);
        }
        if (changed.Count > 0)
            throw new HelperException($"the login for {string.Join(", ", changed)} changed in the old keystore during the move, so it was left there and the new keystore has it as it was before: run the migration again to move it as it is now");
        return logins.Select(entry => entry.Host).ToList();
    }

    private static bool RemoveIfStill(IKeystore source, RegistryHost host, StoredLogin copied)
    {
        using var exclusive = source.HoldWrites();
        return source.Find(host) == copied && source.Remove(host);
    }
}
