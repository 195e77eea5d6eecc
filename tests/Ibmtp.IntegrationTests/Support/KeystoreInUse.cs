using Ibmtp.Configuration;
using Ibmtp.Keystores;
using Ibmtp.Sessions;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The keystore a test HOME's helper keeps logins and the sign-in session in, chosen by its IBMTP_KEYSTORE name and
/// set up as the keystore tests do: the encrypted file, GNOME Keyring in a private D-Bus session
/// (<see cref="SecretServiceSession"/>), or a password store with a throwaway GnuPG key (<see cref="PassStore"/>).
/// Disposing stops what it started.
/// </summary>
public sealed class KeystoreInUse : IDisposable
{
    public const string File = "file";
    public const string SecretService = "secretservice";
    public const string Pass = "pass";

    private readonly TestHome home;
    private readonly IDisposable? started;

    private KeystoreInUse(TestHome home, string name, KeystoreKind kind, IDisposable? started)
    {
        this.home = home;
        Name = name;
        Kind = kind;
        this.started = started;
    }

    /// <summary>Every keystore a Linux helper can use.</summary>
    public static IReadOnlyList<string> Names { get; } = [File, SecretService, Pass];

    /// <summary>IBMTP_KEYSTORE's value.</summary>
    public string Name { get; }

    public KeystoreKind Kind { get; }

    /// <summary>Chooses the keystore <paramref name="name"/> for <paramref name="home"/> and starts what it needs; a missing peer fails or skips as <see cref="Peers"/> says.</summary>
    public static async Task<KeystoreInUse> StartAsync(TestHome home, string name)
    {
        home.Environment["IBMTP_KEYSTORE"] = name;
        return name switch
        {
            File => new KeystoreInUse(home, name, KeystoreKind.File, null),
            SecretService => new KeystoreInUse(home, name, KeystoreKind.SecretService, await SecretServiceSession.StartAsync(home)),
            Pass => new KeystoreInUse(home, name, KeystoreKind.Pass, await PassStore.CreateAsync(home)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a keystore of Linux"),
        };
    }

    /// <summary>The sign-in session as the helper would read it from this keystore now; null when there is none.</summary>
    public PersonSession? KeptSession() => new SessionStore(new Lazy<IKeystore>(() => home.OpenKeystore(Kind))).Find();

    public void Dispose() => started?.Dispose();
}
