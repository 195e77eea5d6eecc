using System.Text.Json;
using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Secrets;

namespace Ibmtp.Sessions;

/// <summary>
/// The one person's session, kept in the keystore in use as one entry under a reserved host that no
/// registry can have (<see cref="Key"/>, in RFC 2606's <c>.invalid</c>): the person's IAM ID as its
/// username and the session's JSON document as its secret, so the store encrypts it or holds it as it
/// holds a login, and <c>keystore migrate</c> moves it with the logins.
/// </summary>
public sealed class SessionStore(Lazy<IKeystore> keystore)
{
    /// <summary>The reserved entry. No DNS name ends in <c>.invalid</c>, so no client ever asks for it.</summary>
    public static readonly RegistryHost Key = RegistryHost.TryParse("session.ibmtp.invalid", out var key) ? key : throw new InvalidOperationException("the session's key is no host");

    private static readonly string SignInAgain = $"run {HelperInfo.Name} login to sign in again";

    /// <summary>Whether <paramref name="host"/> is the session's entry, which no registry command may read, write or list.</summary>
    public static bool IsReserved(RegistryHost host) => host == Key;

    /// <summary>The session, or null when there is none; a <see cref="DamagedSessionException"/> when its entry cannot be read.</summary>
    public PersonSession? Find()
    {
        if (keystore.Value.Find(Key) is not { } stored)
            return null;
        try
        {
            var session = SessionDocument.Parse(stored.Secret.Value);
            return session.PersonIamId == stored.Username ? session : throw new FormatException("its username is not the person's IAM ID");
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            throw new DamagedSessionException($"the sign-in session kept in the keystore is damaged ({SafeLine.Of(error.Message, 120)}); {SignInAgain}");
        }
    }

    /// <summary>Saves the session in place of any other, durably: the keystore's save returns once it is kept.</summary>
    public void Save(PersonSession session) =>
        keystore.Value.Save(Key, new StoredLogin(session.PersonIamId, new Secret(SessionDocument.Serialize(session))));

    /// <summary>Removes the session; false when there was none.</summary>
    public bool Remove() => keystore.Value.Remove(Key);

    /// <summary>
    /// Removes the session only while it is still <paramref name="session"/>: one another process saved
    /// meanwhile (a new sign-in, a renewal) is kept.
    /// </summary>
    public bool RemoveIfStill(PersonSession session)
    {
        using var exclusive = HoldWrites();
        return keystore.Value.Find(Key) is { } stored && IsStill(stored, session) && keystore.Value.Remove(Key);
    }

    /// <summary>A damaged entry is no session another process saved: it would fail every call, so it goes too.</summary>
    private static bool IsStill(StoredLogin stored, PersonSession session)
    {
        try
        {
            var kept = SessionDocument.Parse(stored.Secret.Value);
            return kept.SessionId == session.SessionId && kept.RefreshToken.Equals(session.RefreshToken);
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return true;
        }
    }

    /// <summary>The keystore's write lock, across processes: a read of the session and the save that depends on it, made while it is held, are one step.</summary>
    public IDisposable HoldWrites() => keystore.Value.HoldWrites();
}
