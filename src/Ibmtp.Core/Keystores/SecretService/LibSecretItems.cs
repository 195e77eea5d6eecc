using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Ibmtp.Interop.Linux;

namespace Ibmtp.Keystores.SecretService;

/// <summary>
/// <see cref="ISecretItems"/> through libsecret. Items are stored under a schema that libsecret is told not
/// to match by name, so items are found by their attributes alone, as <c>secret-tool search</c> finds them.
/// </summary>
public sealed unsafe class LibSecretItems : ISecretItems
{
    public const string SchemaName = "docker-credential-ibmtp";

    // SecretSchema on 64-bit: name, flags (padded), 32 × {name, type (padded)}, then reserved fields.
    private const int SchemaSize = 8 + 8 + (32 * 16) + 8 + (7 * 8);
    private const int DontMatchName = 1 << 1;

    private static readonly Lazy<nint> Schema = new(() => NewSchema(SchemaName, SecretServiceKeystore.AttributeNames));

    private readonly Lazy<nint> _service = new(Connect);

    public SecretCollection? DefaultCollection()
    {
        var collection = Call((out nint error) => LibSecret.CollectionForAlias(_service.Value, "default", 0, 0, out error));
        if (collection == 0)
            return null;
        try
        {
            var label = LibSecret.CollectionGetLabel(collection);
            var text = Marshal.PtrToStringUTF8(label) ?? "";
            GLib.Free(label);
            return new SecretCollection(text, LibSecret.CollectionGetLocked(collection) != 0);
        }
        finally
        {
            GLib.ObjectUnref(collection);
        }
    }

    public IReadOnlyList<SecretItem> Search(IReadOnlyDictionary<string, string> attributes, bool withSecrets)
    {
        var flags = LibSecret.SearchAll | (withSecrets ? LibSecret.SearchLoadSecrets : 0);
        var list = WithAttributes(attributes, table =>
            Call((out nint error) => LibSecret.Search(_service.Value, Schema.Value, table, flags, 0, out error)));
        try
        {
            return GLib.ListItems(list).Select(item => ReadItem(item, withSecrets)).ToList();
        }
        finally
        {
            foreach (var item in GLib.ListItems(list))
                GLib.ObjectUnref(item);
            GLib.ListFree(list);
        }
    }

    public void Store(IReadOnlyDictionary<string, string> attributes, string label, byte[] secret)
    {
        // A C string for libsecret, zeroed as soon as it has been sent.
        var password = (byte*)NativeMemory.AllocZeroed((nuint)secret.Length + 1);
        try
        {
            secret.CopyTo(new Span<byte>(password, secret.Length));
            WithAttributes(attributes, table =>
                Call((out nint error) => LibSecret.PasswordStore(Schema.Value, table, null, label, (nint)password, 0, out error)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(new Span<byte>(password, secret.Length));
            NativeMemory.Free(password);
        }
    }

    public bool Clear(IReadOnlyDictionary<string, string> attributes) =>
        WithAttributes(attributes, table => Call((out nint error) => LibSecret.PasswordClear(Schema.Value, table, 0, out error))) != 0;

    private static nint Connect()
    {
        try
        {
            return Call((out nint error) => LibSecret.ServiceGet(0, 0, out error));
        }
        catch (DllNotFoundException)
        {
            throw new SecretServiceException($"{LibSecret.Library} is not installed", libraryMissing: true);
        }
    }

    private static SecretItem ReadItem(nint item, bool withSecret)
    {
        var table = LibSecret.ItemGetAttributes(item);
        try
        {
            var attributes = SecretServiceKeystore.AttributeNames
                .Select(name => (Name: name, Value: Lookup(table, name)))
                .Where(attribute => attribute.Value is not null)
                .ToDictionary(attribute => attribute.Name, attribute => attribute.Value!);
            var locked = LibSecret.ItemGetLocked(item) != 0;
            return new SecretItem(attributes, locked, withSecret && !locked ? ReadSecret(item) : null);
        }
        finally
        {
            GLib.HashTableUnref(table);
        }
    }

    private static byte[]? ReadSecret(nint item)
    {
        var value = LibSecret.ItemGetSecret(item);
        if (value == 0)
            return null;
        try
        {
            var bytes = LibSecret.ValueGet(value, out var length);
            return new ReadOnlySpan<byte>((void*)bytes, checked((int)length)).ToArray();
        }
        finally
        {
            LibSecret.ValueUnref(value);
        }
    }

    private static string? Lookup(nint table, string name)
    {
        var key = Marshal.StringToCoTaskMemUTF8(name);
        try
        {
            return Marshal.PtrToStringUTF8(GLib.HashTableLookup(table, key));
        }
        finally
        {
            Marshal.FreeCoTaskMem(key);
        }
    }

    /// <summary>Runs <paramref name="use"/> with a GHashTable of the attributes, freed afterwards.</summary>
    private static T WithAttributes<T>(IReadOnlyDictionary<string, string> attributes, Func<nint, T> use)
    {
        var strings = new List<nint>();
        var table = GLib.NewStringTable();
        try
        {
            foreach (var (name, value) in attributes)
            {
                var key = Marshal.StringToCoTaskMemUTF8(name);
                strings.Add(key);
                var text = Marshal.StringToCoTaskMemUTF8(value);
                strings.Add(text);
                GLib.HashTableInsert(table, key, text);
            }
            return use(table);
        }
        finally
        {
            GLib.HashTableUnref(table);
            strings.ForEach(Marshal.FreeCoTaskMem);
        }
    }

    private delegate T NativeCall<out T>(out nint error);

    /// <summary>Turns a GError into a <see cref="SecretServiceException"/> with its message.</summary>
    private static T Call<T>(NativeCall<T> call)
    {
        var result = call(out var error);
        if (error != 0)
            throw new SecretServiceException(GLib.TakeErrorMessage(error));
        return result;
    }

    /// <summary>A SecretSchema of string attributes, kept for the life of the process as libsecret expects.</summary>
    private static nint NewSchema(string name, IReadOnlyList<string> attributeNames)
    {
        var schema = (byte*)NativeMemory.AllocZeroed(SchemaSize);
        *(nint*)schema = Marshal.StringToCoTaskMemUTF8(name);
        *(int*)(schema + 8) = DontMatchName;
        for (var i = 0; i < attributeNames.Count; i++)
            *(nint*)(schema + 16 + (i * 16)) = Marshal.StringToCoTaskMemUTF8(attributeNames[i]);
        return (nint)schema;
    }
}
