using System.Diagnostics;
using System.Text;
using Tmds.DBus.Protocol;

namespace Ibmtp.IntegrationTests;

/// <summary>How a <see cref="HostileSecretService"/> misbehaves.</summary>
public enum SecretServiceMisbehaviour
{
    /// <summary>Works, but its keyring's label and its item's username are <see cref="HostileSecretService.HostileText"/>.</summary>
    HostileNames,

    /// <summary>Answers every call with an error whose message is <see cref="HostileSecretService.HostileText"/>, and the secret it was given in every spelling.</summary>
    HostileErrors,

    /// <summary>Answers every call with a body of the wrong type.</summary>
    Malformed,

    /// <summary>Answers every call correctly, <see cref="HostileSecretService.SlowAnswer"/> late.</summary>
    Slow,

    /// <summary>Takes every call and never answers.</summary>
    Silent,

    /// <summary>
    /// Works, but refuses its first <see cref="HostileSecretService.RefusedSearches"/> searches as GNOME Keyring
    /// does now and then under many clients at once: "Method SearchItems is not implemented".
    /// </summary>
    NotReadyForSearches,
}

/// <summary>
/// A Secret Service that misbehaves, on a private <c>dbus-daemon</c>: it owns
/// <c>org.freedesktop.secrets</c> there and answers from this test process, so each way a keyring can
/// go wrong is reproduced on demand. Its one item is for us.icr.io. Disposing ends the bus.
/// </summary>
public sealed class HostileSecretService : IDisposable
{
    /// <summary>Escape sequences that retitle and clear a terminal, a bell, a line that would forge a doctor fact, and a megabyte.</summary>
    public static readonly string HostileText = "\u001b]0;owned\u0007\u001b[2J\u0007\n! forged: line\r\n" + new string('x', 1024 * 1024);

    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(30);

    public const int RefusedSearches = 3;

    private const string Collection = "/org/freedesktop/secrets/collection/login";
    private const string Item = "/org/freedesktop/secrets/collection/login/1";
    private const string Session = "/org/freedesktop/secrets/session/1";

    private readonly Process _bus;
    private readonly DBusConnection _connection;

    private HostileSecretService(Process bus, DBusConnection connection)
    {
        _bus = bus;
        _connection = connection;
    }

    /// <summary>The secret the item holds.</summary>
    public const string StoredSecret = "hostile-service-stored-secret";

    /// <summary>Starts the bus and the service, and points <paramref name="home"/>'s environment at them.</summary>
    public static async Task<HostileSecretService> StartAsync(TestHome home, SecretServiceMisbehaviour misbehaviour)
    {
        var config = Path.Combine(home.Subdirectory("dbus"), "session.conf");
        await File.WriteAllTextAsync(config, """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:tmpdir=/tmp</listen>
              <auth>EXTERNAL</auth>
              <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy>
            </busconfig>
            """);
        var startInfo = new ProcessStartInfo(Peers.Require("dbus-daemon"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { $"--config-file={config}", "--nofork", "--print-address" })
            startInfo.ArgumentList.Add(argument);
        var bus = Process.Start(startInfo) ?? throw new InvalidOperationException("dbus-daemon did not start");
        try
        {
            var address = await bus.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20))
                ?? throw new InvalidOperationException($"dbus-daemon gave no address: {await bus.StandardError.ReadToEndAsync()}");
            var connection = new DBusConnection(address);
            await connection.ConnectAsync();
            connection.AddMethodHandler(new Handler(misbehaviour));
            await connection.RequestNameAsync("org.freedesktop.secrets", RequestNameOptions.None);
            home.Environment["DBUS_SESSION_BUS_ADDRESS"] = address;
            return new HostileSecretService(bus, connection);
        }
        catch
        {
            bus.Kill();
            bus.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        try
        {
            _bus.Kill();
            _bus.WaitForExit(TimeSpan.FromSeconds(10));
        }
        finally
        {
            _bus.Dispose();
        }
    }

    private sealed class Handler(SecretServiceMisbehaviour misbehaviour) : IPathMethodHandler
    {
        private int _searches;

        public string Path => "/org/freedesktop/secrets";

        public bool HandlesChildPaths => true;

        public ValueTask HandleMethodAsync(MethodContext context)
        {
            switch (misbehaviour)
            {
                case SecretServiceMisbehaviour.Silent:
                    // Left undisposed, the call is never answered, and the connection goes on reading others.
                    context.DisposesAsynchronously = true;
                    break;
                case SecretServiceMisbehaviour.Slow:
                    context.DisposesAsynchronously = true;
                    _ = Task.Delay(SlowAnswer).ContinueWith(_ =>
                    {
                        using (context)
                            Answer(context, HostileSecretService.StoredSecret, "Login");
                    }, TaskScheduler.Default);
                    break;
                case SecretServiceMisbehaviour.HostileErrors:
                    context.ReplyError("org.freedesktop.DBus.Error.Failed", HostileText + EchoedSecret(context.Request));
                    break;
                case SecretServiceMisbehaviour.Malformed:
                    using (var writer = context.CreateReplyWriter("s"))
                    {
                        writer.WriteString("not what the API says");
                        context.Reply(writer.CreateMessage());
                    }
                    break;
                case SecretServiceMisbehaviour.HostileNames:
                    Answer(context, HostileSecretService.StoredSecret, HostileText);
                    break;
                case SecretServiceMisbehaviour.NotReadyForSearches
                    when context.Request.MemberAsString == "SearchItems" && Interlocked.Increment(ref _searches) <= RefusedSearches:
                    context.ReplyError("org.freedesktop.DBus.Error.UnknownMethod", "Method SearchItems is not implemented on interface org.freedesktop.Secret.Service");
                    break;
                case SecretServiceMisbehaviour.NotReadyForSearches:
                    Answer(context, HostileSecretService.StoredSecret, "Login");
                    break;
            }
            return ValueTask.CompletedTask;
        }

        /// <summary>The secret a CreateItem call carries, as itself and in the spellings a server echoes it in.</summary>
        private static string EchoedSecret(Message request)
        {
            if (request.MemberAsString != "CreateItem")
                return "";
            var reader = request.GetBodyReader();
            reader.ReadDictionaryOfStringToVariantValue();
            reader.AlignStruct();
            reader.ReadObjectPath();
            reader.ReadArrayOfByte();
            var secret = Encoding.UTF8.GetString(reader.ReadArrayOfByte());
            return $" secret={secret} url={Uri.EscapeDataString(secret).ToLowerInvariant()} base64={Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))}";
        }

        /// <summary>Answers as a Secret Service with one unlocked keyring labelled <paramref name="label"/> and one item for us.icr.io.</summary>
        private static void Answer(MethodContext context, string secret, string label)
        {
            var request = context.Request;
            switch (request.MemberAsString)
            {
                case "ReadAlias":
                    Reply(context, "o", (ref MessageWriter writer) => writer.WriteObjectPath(Collection));
                    break;
                case "Get":
                    var reader = request.GetBodyReader();
                    reader.ReadString();
                    switch (reader.ReadString())
                    {
                        case "Label":
                            Reply(context, "v", (ref MessageWriter writer) => writer.WriteVariantString(label));
                            break;
                        case "Locked":
                            Reply(context, "v", (ref MessageWriter writer) => writer.WriteVariantBool(false));
                            break;
                        default:
                            Reply(context, "v", (ref MessageWriter writer) =>
                            {
                                writer.WriteSignature("a{ss}");
                                var attributes = writer.WriteDictionaryStart();
                                foreach (var (name, value) in new[] { ("application", "docker-credential-ibmtp"), ("server", "us.icr.io"), ("username", label) })
                                {
                                    writer.WriteDictionaryEntryStart();
                                    writer.WriteString(name);
                                    writer.WriteString(value);
                                }
                                writer.WriteDictionaryEnd(attributes);
                            });
                            break;
                    }
                    break;
                case "SearchItems":
                    Reply(context, "aoao", (ref MessageWriter writer) =>
                    {
                        writer.WriteArray(new[] { new ObjectPath(Item) });
                        writer.WriteArray(Array.Empty<ObjectPath>());
                    });
                    break;
                case "OpenSession":
                    Reply(context, "vo", (ref MessageWriter writer) =>
                    {
                        writer.WriteVariantString("");
                        writer.WriteObjectPath(Session);
                    });
                    break;
                case "GetSecrets":
                    Reply(context, "a{o(oayays)}", (ref MessageWriter writer) =>
                    {
                        var secrets = writer.WriteDictionaryStart();
                        writer.WriteDictionaryEntryStart();
                        writer.WriteObjectPath(Item);
                        writer.WriteStructureStart();
                        writer.WriteObjectPath(Session);
                        writer.WriteArray(Array.Empty<byte>());
                        writer.WriteArray(Encoding.UTF8.GetBytes(secret));
                        writer.WriteString("text/plain");
                        writer.WriteDictionaryEnd(secrets);
                    });
                    break;
                default:
                    context.ReplyUnknownMethodError();
                    break;
            }
        }

        private delegate void BodyWriter(ref MessageWriter writer);

        private static void Reply(MethodContext context, string signature, BodyWriter body)
        {
            var writer = context.CreateReplyWriter(signature);
            try
            {
                body(ref writer);
                context.Reply(writer.CreateMessage());
            }
            finally
            {
                writer.Dispose();
            }
        }
    }
}
