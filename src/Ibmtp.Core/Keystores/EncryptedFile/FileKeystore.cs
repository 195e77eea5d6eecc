using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ibmtp.Configuration;
using Ibmtp.Files;
using Ibmtp.Hosts;
using Ibmtp.Secrets;

namespace Ibmtp.Keystores.EncryptedFile;

/// <summary>
/// Logins saved in one AES-256-GCM encrypted file. Readers need no lock because writers replace the
/// file atomically; writers serialise through the keystores' <see cref="WriteLock"/>. A file that
/// cannot be read is reported and left untouched: it may hold logins the user can still recover.
/// </summary>
public sealed class FileKeystore(string folder, Secret? passphrase, WriteLock writes) : IKeystore
{
    // Thousands of logins fit in far less; a larger file is not a keystore of ours.
    private const int LargestStore = 16 * 1024 * 1024;

    private KeyMaterial? _derived;

    // The last file read and what it decrypted to: a get reads the store for a person's session and then
    // for the host's login, and the second read finds the same bytes (bench/issue-22.md, last section).
    private (byte[] Stored, KeystoreContents Contents, KeyMaterial Key)? _lastRead;

    public string StorePath => Path.Combine(folder, "keystore.json");

    public string KeyFilePath => Path.Combine(folder, "keystore.key");

    public StoredLogin? Find(RegistryHost host) => ReadUnchanged().Entries.GetValueOrDefault(host.ToString());

    public IReadOnlyDictionary<string, string> Usernames() =>
        ReadUnchanged().Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Username);

    public string Check()
    {
        var entries = ReadUnchanged().Entries.Count;
        return File.Exists(StorePath)
            ? $"encrypted file {StorePath} ({FileModeText.Of(StorePath)}), {entries} login(s)"
            : $"encrypted file {StorePath}, not there yet (the first login creates it)";
    }

    public void Save(RegistryHost host, StoredLogin login) =>
        Update(contents =>
        {
            contents.Entries[host.ToString()] = login;
            return true;
        });

    // With no keystore there is nothing to remove, and nothing is created: a logout on a read-only
    // home, or before any login, succeeds without writing.
    public bool Remove(RegistryHost host) => File.Exists(StorePath) && Update(contents => contents.Entries.Remove(host.ToString()));

    public IDisposable HoldWrites() => writes.Hold();

    private bool Update(Func<KeystoreContents, bool> change)
    {
        using var exclusive = writes.Hold();
        PrivateFiles.DeleteLeftoverTemporaries(folder);
        var (contents, key) = Read();
        if (!change(contents))
            return false;
        Write(contents, KeyForWriting(key));
        return true;
    }

    /// <summary>The logins, for reading only: decrypted again only when the file's bytes differ from the last read's.</summary>
    private KeystoreContents ReadUnchanged() => Read(reuse: true).Contents;

    /// <summary>The logins and their key; contents of their own, for a change, unless <paramref name="reuse"/>.</summary>
    private (KeystoreContents Contents, KeyMaterial? Key) Read(bool reuse = false)
    {
        if (Directory.Exists(StorePath))
            throw new HelperException($"keystore {StorePath} is a folder, not a file: move it aside, then log in again");
        if (!File.Exists(StorePath))
            return (new KeystoreContents(), null);

        var stored = ReadStored();
        if (reuse && _lastRead is { } last && last.Stored.AsSpan().SequenceEqual(stored))
            return (last.Contents, last.Key);

        var envelope = ParseEnvelope(stored);
        var key = KeyForReading(envelope);
        byte[] plaintext;
        try
        {
            plaintext = envelope.Sealed.Open(key.Key, AssociatedData(envelope.KeySource));
        }
        catch (CryptographicException)
        {
            var hint = envelope.KeySource == KeySources.Passphrase
                ? $"is {SettingsTable.KeystorePassphrase.Variable} the passphrase it was saved with?"
                : $"was its key file {KeyFilePath} replaced?";
            throw Unreadable($"cannot be decrypted ({hint})");
        }

        try
        {
            // Each secret is registered with the redactor as it is read.
            var contents = KeystoreJsonReader.ReadContents(plaintext)
                ?? throw new JsonException("empty contents");
            // Contents that decrypt were written with the key, but perhaps by another version: a login
            // must be whole before any is used, or get prints half an answer.
            if (contents.Entries is null || contents.Entries.Values.Any(login => login?.Username is null || login.Secret is null))
                throw new JsonException("an entry without a username or secret");
            if (reuse)
                _lastRead = (stored, contents, key);
            return (contents, key);
        }
        catch (JsonException)
        {
            throw Unreadable("decrypts, but its contents are damaged");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private byte[] ReadStored()
    {
        try
        {
            return BoundedFile.ReadAllBytes(StorePath, LargestStore, Links.Refuse);
        }
        catch (InvalidDataException)
        {
            throw Unreadable($"is larger than {LargestStore} bytes, so it is no keystore of ours");
        }
    }

    private KeystoreEnvelope ParseEnvelope(byte[] stored)
    {
        try
        {
            var envelope = KeystoreJsonReader.ReadEnvelope(stored);
            if (envelope?.Sealed is null || envelope.Format != KeystoreEnvelope.CurrentFormat)
                throw Unreadable($"is not a format-{KeystoreEnvelope.CurrentFormat} keystore");
            return envelope;
        }
        catch (JsonException)
        {
            throw Unreadable("is damaged (not valid JSON)");
        }
    }

    private KeyMaterial KeyForReading(KeystoreEnvelope envelope) => envelope.KeySource switch
    {
        KeySources.KeyFile => KeyMaterial.ReadKeyFile(KeyFilePath),
        KeySources.Passphrase when passphrase is null =>
            throw new HelperException($"keystore {StorePath} is protected by a passphrase: set {SettingsTable.KeystorePassphrase.Variable}"),
        KeySources.Passphrase when envelope.Salt is { Length: > 0 } salt && envelope.Iterations is > 0 and <= KeyMaterial.LargestIterations =>
            DerivedKey(salt, envelope.Iterations),
        _ => throw Unreadable("names no usable key"),
    };

    /// <summary>
    /// The passphrase's key for this salt and count, derived once per store opened: a get reads the store
    /// for a person's session and then for the host's login, and each derivation is slow on purpose.
    /// </summary>
    private KeyMaterial DerivedKey(byte[] salt, int iterations)
    {
        if (_derived is { Salt: { } derivedSalt } derived && derived.Iterations == iterations && derivedSalt.AsSpan().SequenceEqual(salt))
            return derived;
        return _derived = KeyMaterial.FromPassphrase(passphrase!.Value, salt, iterations);
    }

    /// <summary>Keeps the key just used when it still matches the settings; deriving a passphrase key is slow on purpose.</summary>
    private KeyMaterial KeyForWriting(KeyMaterial? current)
    {
        var wanted = passphrase is null ? KeySources.KeyFile : KeySources.Passphrase;
        if (current?.Source == wanted)
            return current;
        return passphrase is null ? KeyMaterial.ReadOrCreateKeyFile(KeyFilePath) : KeyMaterial.NewFromPassphrase(passphrase.Value);
    }

    private void Write(KeystoreContents contents, KeyMaterial key)
    {
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(contents, KeystoreJsonContext.Default.KeystoreContents);
        try
        {
            var envelope = new KeystoreEnvelope
            {
                Format = KeystoreEnvelope.CurrentFormat,
                KeySource = key.Source,
                Salt = key.Salt,
                Iterations = key.Iterations,
                Sealed = SealedBox.Seal(key.Key, plaintext, AssociatedData(key.Source)),
            };
            PrivateFiles.ReplaceAtomically(StorePath, JsonSerializer.SerializeToUtf8Bytes(envelope, KeystoreJsonContext.Default.KeystoreEnvelope));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    // Binds the ciphertext to its key source, so that editing the header cannot swap keys unnoticed.
    private static byte[] AssociatedData(string keySource) =>
        Encoding.UTF8.GetBytes($"ibmtp-keystore/{KeystoreEnvelope.CurrentFormat}/{keySource}");

    private HelperException Unreadable(string problem) =>
        new($"keystore {StorePath} {problem}. It was left untouched: credentials from the environment still work; to start afresh, move it aside (mv {StorePath} {StorePath}.broken) and log in again");
}
