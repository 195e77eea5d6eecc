using System.Text;
using System.Text.Json;

namespace Ibmtp.Protocol;

/// <summary>
/// The stdin/stdout half of the helper protocol: reads what the client sent, asks the store, and
/// prints the answer. Input is read with a size cap, since a helper must never hang or balloon on
/// a runaway writer.
/// </summary>
public sealed class CredentialProtocol(ICredentialStore store, Stream input, Stream output)
{
    public const int MaxInputBytes = 16 * 1024;

    private const string CredentialsShape = """{"ServerURL":"…","Username":"…","Secret":"…"}""";

    public static bool IsAction(string action) => action is "get" or "store" or "erase" or "list";

    public void Run(string action)
    {
        switch (action)
        {
            case "get":
                WriteCredentials(store.Get(ReadServerUrl()));
                break;
            case "store":
                store.Add(ReadCredentials());
                break;
            case "erase":
                store.Delete(ReadServerUrl());
                break;
            case "list":
                // Clients send a placeholder on stdin; it carries nothing, so it is not read.
                var saved = new SortedDictionary<string, string>(store.List().ToDictionary(), StringComparer.Ordinal);
                WriteLine(JsonSerializer.SerializeToUtf8Bytes(saved, ProtocolJsonContext.Default.SortedDictionaryStringString));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "not a protocol action");
        }
    }

    private string ReadServerUrl()
    {
        var serverUrl = DecodeText(ReadInput()).Trim();
        return serverUrl.Length > 0 ? serverUrl : throw new HelperException(ProtocolMessages.MissingServerUrl);
    }

    private Credentials ReadCredentials()
    {
        Credentials? credentials;
        try
        {
            credentials = JsonSerializer.Deserialize(ReadInput(), ProtocolJsonContext.Default.Credentials);
        }
        catch (JsonException error)
        {
            // JsonException names the path and position, never the offending value.
            var where = error.Path is null ? "" : $" at {error.Path}";
            throw new HelperException($"store expects {CredentialsShape} on stdin; the input is not that JSON{where}");
        }

        if (credentials is null)
            throw new HelperException($"store expects {CredentialsShape} on stdin; got null");
        if (string.IsNullOrWhiteSpace(credentials.ServerUrl))
            throw new HelperException(ProtocolMessages.MissingServerUrl);
        if (string.IsNullOrWhiteSpace(credentials.Username))
            throw new HelperException(ProtocolMessages.MissingUsername);
        if (string.IsNullOrEmpty(credentials.Secret))
            throw new HelperException("no credentials secret");
        return credentials with { ServerUrl = credentials.ServerUrl.Trim(), Username = credentials.Username.Trim() };
    }

    private byte[] ReadInput()
    {
        var buffer = new byte[MaxInputBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = input.Read(buffer, length, buffer.Length - length)) > 0)
            length += read;
        return length <= MaxInputBytes
            ? buffer[..length]
            : throw new HelperException($"input on stdin is larger than {MaxInputBytes} bytes; a server URL or credentials JSON is far smaller");
    }

    private static string DecodeText(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new HelperException("input on stdin is not UTF-8 text; expected a server URL such as us.icr.io");
        }
    }

    /// <summary>
    /// Written field by field: `get` runs on every pull, and building serializer metadata for one
    /// three-string object would cost more of its start-up than everything else it writes.
    /// </summary>
    private void WriteCredentials(Credentials credentials)
    {
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            json.WriteString(Credentials.ServerUrlField, credentials.ServerUrl);
            json.WriteString(Credentials.UsernameField, credentials.Username);
            json.WriteString(Credentials.SecretField, credentials.Secret);
            json.WriteEndObject();
        }
        WriteLine([]);
    }

    private void WriteLine(byte[] json)
    {
        output.Write(json);
        output.WriteByte((byte)'\n');
        output.Flush();
    }
}
