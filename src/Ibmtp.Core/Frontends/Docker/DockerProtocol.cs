using System.Buffers;
using System.Text;
using System.Text.Json;
using Ibmtp.Credentials;
using Ibmtp.Platform;

namespace Ibmtp.Frontends.Docker;

/// <summary>
/// The stdin/stdout half of the docker credential-helper protocol: reads what the client sent and
/// prints the answer. Input is read with a size cap, since a helper must never hang or balloon on a
/// runaway writer.
/// </summary>
public sealed class DockerProtocol(Stream input, LineWriter output)
{
    public const int MaxInputBytes = 16 * 1024;

    private const string CredentialsShape = """{"ServerURL":"…","Username":"…","Secret":"…"}""";

    /// <summary>The one line of <c>get</c>'s and <c>erase</c>'s input, trimmed.</summary>
    public string ReadServerUrl()
    {
        var serverUrl = DecodeText(ReadInput()).Trim();
        return serverUrl.Length > 0 ? serverUrl : throw new HelperException(DockerMessages.MissingServerUrl);
    }

    /// <summary><c>store</c>'s input, checked field by field.</summary>
    public DockerCredentials ReadCredentials()
    {
        DockerCredentials? credentials;
        try
        {
            credentials = JsonSerializer.Deserialize(ReadInput(), DockerJsonContext.Default.DockerCredentials);
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
            throw new HelperException(DockerMessages.MissingServerUrl);
        if (string.IsNullOrWhiteSpace(credentials.Username))
            throw new HelperException(DockerMessages.MissingUsername);
        if (string.IsNullOrEmpty(credentials.Secret?.Value))
            throw new HelperException("no credentials secret");
        return credentials with { ServerUrl = credentials.ServerUrl.Trim(), Username = credentials.Username.Trim() };
    }

    /// <summary>
    /// Written field by field: `get` runs on every pull, and building serializer metadata for one
    /// three-string object would cost more of its start-up than everything else it writes.
    /// </summary>
    public void WriteCredentials(string serverUrl, Login login) =>
        AnswerJson.WriteLine(output, json =>
        {
            json.WriteStartObject();
            json.WriteString(DockerCredentials.ServerUrlField, serverUrl);
            json.WriteString(DockerCredentials.UsernameField, login.Username);
            json.WriteString(DockerCredentials.SecretField, login.Secret.Value);
            json.WriteEndObject();
        });

    /// <summary>Saved registries and their usernames, as <c>list</c> prints them: one JSON object, sorted by host.</summary>
    public void WriteList(IReadOnlyDictionary<string, string> saved)
    {
        // Clients send a placeholder on stdin; it carries nothing, so it is not read.
        var sorted = new SortedDictionary<string, string>(saved.ToDictionary(), StringComparer.Ordinal);
        output.WriteLine(line => line.Write(JsonSerializer.SerializeToUtf8Bytes(sorted, DockerJsonContext.Default.SortedDictionaryStringString)));
    }

    private byte[] ReadInput() =>
        BoundedInput.Read(input, MaxInputBytes)
            ?? throw new HelperException($"input on stdin is larger than {MaxInputBytes} bytes; a server URL or credentials JSON is far smaller");

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
}
