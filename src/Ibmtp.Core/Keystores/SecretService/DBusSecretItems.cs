using System.Net.Sockets;
using Ibmtp.Platform;
using Tmds.DBus.Protocol;

namespace Ibmtp.Keystores.SecretService;

/// <summary>
/// <see cref="ISecretItems"/> over D-Bus, speaking the freedesktop Secret Service API directly. A call costs
/// a connection and a few round trips; going through libsecret would first load GLib and GIO, which takes
/// longer than the lookup itself. Secrets travel in a "plain" session: the session bus is a socket only
/// this user can reach, and the keyring daemon and this process are both the user's.
/// </summary>
/// <param name="deadline">
/// The command's time budget, which connecting and every call share: a keyring that shows a prompt,
/// or hangs, or answers each call slowly, must not hold the client (docker, the kubelet) past it.
/// </param>
public sealed class DBusSecretItems(string busAddress, Deadline deadline) : ISecretItems
{
    private const string Service = "org.freedesktop.secrets";
    private const string ServicePath = "/org/freedesktop/secrets";
    private const string ServiceInterface = "org.freedesktop.Secret.Service";
    private const string ItemInterface = "org.freedesktop.Secret.Item";
    private const string CollectionInterface = "org.freedesktop.Secret.Collection";
    private const string Properties = "org.freedesktop.DBus.Properties";
    private const string NoObject = "/";
    private const int SearchAttempts = 5;
    private static readonly TimeSpan SearchPause = TimeSpan.FromMilliseconds(50);

    private readonly Lazy<DBusConnection> _connection = new(() => Connect(busAddress, deadline));
    private string? _session;

    public SecretCollection? DefaultCollection()
    {
        var path = Call(Method(ServicePath, ServiceInterface, "ReadAlias", "s", (ref MessageWriter writer) => writer.WriteString("default")),
            (Message reply, object? _) => reply.GetBodyReader().ReadObjectPathAsString());
        if (path == NoObject)
            return null;
        var label = Call(GetProperty(path, CollectionInterface, "Label"), (Message reply, object? _) => ReadVariant(reply, "s", (ref Reader reader) => reader.ReadString()));
        var locked = Call(GetProperty(path, CollectionInterface, "Locked"), (Message reply, object? _) => ReadVariant(reply, "b", (ref Reader reader) => reader.ReadBool()));
        return new SecretCollection(path, label, locked);
    }

    public IReadOnlyList<SecretItem> Search(IReadOnlyDictionary<string, string> attributes, bool withSecrets)
    {
        // An item removed between the search and its reading was being replaced by another helper, which saves
        // the new login before it removes the old: searched again, the new one is there.
        for (var attempt = 1; ; attempt++)
        {
            var (found, vanished) = SearchOnce(attributes, withSecrets);
            if (!vanished || attempt == SearchesWhileItemsVanish)
                return found;
        }
    }

    private const int SearchesWhileItemsVanish = 3;

    private (List<SecretItem> Found, bool Vanished) SearchOnce(IReadOnlyDictionary<string, string> attributes, bool withSecrets)
    {
        var (unlocked, locked) = FindItems(attributes);
        var secrets = withSecrets && unlocked.Length > 0 ? Secrets(unlocked) : [];
        var found = new List<SecretItem>();
        var vanished = false;
        foreach (var (path, isLocked) in unlocked.Select(path => (path, false)).Concat(locked.Select(path => (path, true))))
        {
            if (IfStillThere(() => Attributes(path)) is { } itemAttributes)
                found.Add(new SecretItem(itemAttributes, isLocked, isLocked ? null : secrets.GetValueOrDefault(path)));
            else
                vanished = true;
        }
        return (found, vanished);
    }

    public void Store(SecretCollection collection, IReadOnlyDictionary<string, string> attributes, string label, byte[] secret)
    {
        var session = Session();
        var prompt = Call(Method(collection.Path, CollectionInterface, "CreateItem", "a{sv}(oayays)b", (ref MessageWriter writer) =>
        {
            var properties = writer.WriteDictionaryStart();
            writer.WriteDictionaryEntryStart();
            writer.WriteString($"{ItemInterface}.Label");
            writer.WriteVariantString(label);
            writer.WriteDictionaryEntryStart();
            writer.WriteString($"{ItemInterface}.Attributes");
            writer.WriteSignature("a{ss}");
            WriteAttributes(ref writer, attributes);
            writer.WriteDictionaryEnd(properties);
            writer.WriteStructureStart();
            writer.WriteObjectPath(session);
            writer.WriteArray(Array.Empty<byte>());
            writer.WriteArray(secret);
            writer.WriteString("text/plain");
            writer.WriteBool(true);
        }), (Message reply, object? _) =>
        {
            var reader = reply.GetBodyReader();
            reader.ReadObjectPath();
            return reader.ReadObjectPathAsString();
        });
        RequireNoPrompt(prompt, "saving the login");
    }

    public bool Clear(IReadOnlyDictionary<string, string> attributes)
    {
        var (unlocked, locked) = FindItems(attributes);
        foreach (var item in unlocked.Concat(locked))
        {
            var prompt = IfStillThere(() => Call(Method(item, ItemInterface, "Delete", null, null), (Message reply, object? _) => reply.GetBodyReader().ReadObjectPathAsString()));
            RequireNoPrompt(prompt ?? NoObject, "removing the login");
        }
        return unlocked.Length + locked.Length > 0;
    }

    private (string[] Unlocked, string[] Locked) FindItems(IReadOnlyDictionary<string, string> attributes)
    {
        // A search changes nothing, so one the keyring was not ready for is asked again, a moment later.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return SearchItems(attributes);
            }
            catch (ServiceNotReadyException) when (attempt < SearchAttempts && deadline.Remaining > SearchPause)
            {
                Thread.Sleep(SearchPause);
            }
        }
    }

    private (string[] Unlocked, string[] Locked) SearchItems(IReadOnlyDictionary<string, string> attributes) =>
        Call(Method(ServicePath, ServiceInterface, "SearchItems", "a{ss}", (ref MessageWriter writer) => WriteAttributes(ref writer, attributes)),
            (Message reply, object? _) =>
            {
                var reader = reply.GetBodyReader();
                return (ToStrings(reader.ReadArrayOfObjectPath()), ToStrings(reader.ReadArrayOfObjectPath()));
            });

    private Dictionary<string, byte[]> Secrets(string[] items) =>
        Call(Method(ServicePath, ServiceInterface, "GetSecrets", "aoo", (ref MessageWriter writer) =>
        {
            writer.WriteArray(items.Select(item => new ObjectPath(item)).ToArray());
            writer.WriteObjectPath(Session());
        }), (Message reply, object? _) =>
        {
            var reader = reply.GetBodyReader();
            var secrets = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var end = reader.ReadDictionaryStart();
            while (reader.HasNext(end))
            {
                var item = reader.ReadObjectPathAsString();
                reader.AlignStruct();
                reader.ReadObjectPath();
                reader.ReadArrayOfByte();
                secrets[item] = reader.ReadArrayOfByte();
                reader.ReadString();
            }
            return secrets;
        });

    private Dictionary<string, string> Attributes(string item) =>
        Call(GetProperty(item, ItemInterface, "Attributes"), (Message reply, object? _) => ReadVariant(reply, "a{ss}", (ref Reader reader) =>
        {
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            var end = reader.ReadDictionaryStart();
            while (reader.HasNext(end))
                attributes[reader.ReadString()] = reader.ReadString();
            return attributes;
        }));

    /// <summary>The session secrets travel in, opened once per process.</summary>
    private string Session() => _session ??= Call(
        Method(ServicePath, ServiceInterface, "OpenSession", "sv", (ref MessageWriter writer) =>
        {
            writer.WriteString("plain");
            writer.WriteVariantString("");
        }),
        (Message reply, object? _) =>
        {
            var reader = reply.GetBodyReader();
            reader.ReadVariantValue();
            return reader.ReadObjectPathAsString();
        });

    /// <summary>
    /// The answer of a call on one item a search found, or null when the item was deleted since, as
    /// another helper's save deletes the host's older items: gone is not a failure of the keyring.
    /// </summary>
    private static T? IfStillThere<T>(Func<T> call) where T : class
    {
        try
        {
            return call();
        }
        catch (VanishedObjectException)
        {
            return null;
        }
    }

    private static void RequireNoPrompt(string prompt, string what)
    {
        // The Secret Service asks for a prompt when a keyring must be unlocked first; this helper runs where no one can answer one.
        if (prompt != NoObject)
            throw new SecretServiceException($"the keyring wants to prompt before {what}, which a credential helper cannot show");
    }

    private static void WriteAttributes(ref MessageWriter writer, IReadOnlyDictionary<string, string> attributes)
    {
        var dictionary = writer.WriteDictionaryStart();
        foreach (var (name, value) in attributes)
        {
            writer.WriteDictionaryEntryStart();
            writer.WriteString(name);
            writer.WriteString(value);
        }
        writer.WriteDictionaryEnd(dictionary);
    }

    private delegate void BodyWriter(ref MessageWriter writer);

    private delegate T VariantReader<out T>(ref Reader reader);

    private MessageBuffer Method(string path, string @interface, string member, string? signature, BodyWriter? body)
    {
        var writer = _connection.Value.GetMessageWriter();
        try
        {
            writer.WriteMethodCallHeader(Service, path, @interface, member, signature);
            body?.Invoke(ref writer);
            return writer.CreateMessage();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private MessageBuffer GetProperty(string path, string @interface, string property) =>
        Method(path, Properties, "Get", "ss", (ref MessageWriter writer) =>
        {
            writer.WriteString(@interface);
            writer.WriteString(property);
        });

    private static T ReadVariant<T>(Message reply, string signature, VariantReader<T> read)
    {
        var reader = reply.GetBodyReader();
        var actual = reader.ReadSignatureAsString();
        if (actual != signature)
            throw new SecretServiceException($"the Secret Service answered a '{actual}' where the API has '{signature}'");
        return read(ref reader);
    }

    private T Call<T>(MessageBuffer message, MessageValueReader<T> read)
    {
        try
        {
            var call = _connection.Value.CallMethodAsync(message, read, null);
            return call.Wait(deadline.Remaining) ? call.Result : throw new SecretServiceException($"no answer within {deadline.Timeout.TotalSeconds:0} s");
        }
        catch (AggregateException error) when (error.InnerException is { } inner)
        {
            throw Failure(inner);
        }
        catch (Exception error) when (error is DBusExceptionBase or SocketException or IOException)
        {
            throw Failure(error);
        }
    }

    private static Exception Failure(Exception error) => error switch
    {
        SecretServiceException known => known,
        DBusErrorReplyException reply when IsNoSuchObject(reply) => new VanishedObjectException(reply.ErrorMessage),
        DBusErrorReplyException reply when IsServiceNotReady(reply) => new ServiceNotReadyException(reply.ErrorMessage),
        DBusErrorReplyException reply => new SecretServiceException(reply.ErrorMessage),
        DBusExceptionBase or SocketException or IOException => new SecretServiceException(error.Message),
        _ => error,
    };

    // The API's own error and D-Bus's; GDBus (GNOME Keyring) calls an object gone, or going, an unknown
    // method or interface, and says which in its message.
    private static bool IsNoSuchObject(DBusErrorReplyException reply) =>
        reply.ErrorName is "org.freedesktop.Secret.Error.NoSuchObject" or "org.freedesktop.DBus.Error.UnknownObject"
        || (reply.ErrorName is "org.freedesktop.DBus.Error.UnknownMethod" or "org.freedesktop.DBus.Error.UnknownInterface"
            && (reply.ErrorMessage.StartsWith("Object does not exist at path", StringComparison.Ordinal) || reply.ErrorMessage.StartsWith("No such interface", StringComparison.Ordinal)));

    private static bool IsServiceNotReady(DBusErrorReplyException reply) =>
        reply.ErrorName == "org.freedesktop.DBus.Error.UnknownMethod" && reply.ErrorMessage.EndsWith($"on interface {ServiceInterface}", StringComparison.Ordinal);

    private static DBusConnection Connect(string address, Deadline deadline)
    {
        var connection = new DBusConnection(address);
        try
        {
            var connecting = connection.ConnectAsync().AsTask();
            if (!connecting.Wait(deadline.Remaining))
                throw new SecretServiceException($"the session bus did not answer within {deadline.Timeout.TotalSeconds:0} s");
            return connection;
        }
        catch (AggregateException error) when (error.InnerException is { } inner)
        {
            connection.Dispose();
            throw new SecretServiceException($"cannot connect to the session bus {address}: {Failure(inner).Message}");
        }
    }

    private static string[] ToStrings(ObjectPath[] paths) => paths.Select(path => path.ToString()).ToArray();
}
