using System.IO.Compression;
using System.Net.Sockets;
using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>What <see cref="HostileIam"/> does on a connection once the request has been read.</summary>
public delegate Task HostileAnswer(Socket socket, CancellationToken stop);

/// <summary>The misbehaviours of a broken or hostile token endpoint, each as raw bytes on the socket.</summary>
public static class HostileAnswers
{
    /// <summary>Far more than the helper's 1 MiB limit once inflated, yet a few hundred KiB on the wire.</summary>
    public const int GzipBombInflatedBytes = 512 * 1024 * 1024;

    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < GzipBombInflatedBytes; written += zeros.Length)
            {
                gzip.Write(zeros);
            }
        }

        return packed.ToArray();
    });

    /// <summary>A complete answer with this status, headers and body.</summary>
    public static HostileAnswer Status(int status, string body, params string[] headers) => async (socket, stop) =>
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await SendAsync(socket, Head(status, [.. headers, $"Content-Length: {bytes.Length}"]), stop);
        await socket.SendAsync(bytes, stop);
    };

    /// <summary>200 with this JSON body, as IAM answers a grant.</summary>
    public static HostileAnswer Json(string body) => Status(200, body, "Content-Type: application/json");

    /// <summary>A token response with <paramref name="accessToken"/> and the lifetime fields given as JSON members.</summary>
    public static HostileAnswer Token(string accessToken, string lifetime) =>
        Json($$"""{"access_token":"{{accessToken}}","refresh_token":"not_supported","token_type":"Bearer"{{(lifetime.Length > 0 ? "," + lifetime : "")}}}""");

    /// <summary>Announces 100 MiB and sends them, as fast as the helper reads.</summary>
    public static HostileAnswer Huge() => async (socket, stop) =>
    {
        const long announced = 100L * 1024 * 1024;
        await SendAsync(socket, Head(200, ["Content-Type: application/json", $"Content-Length: {announced}"]), stop);
        await SendAsync(socket, "{\"access_token\":\"", stop);
        var filler = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        for (long sent = 0; sent < announced; sent += filler.Length)
        {
            await socket.SendAsync(filler, stop);
        }
    };

    /// <summary>A chunked body that never ends.</summary>
    public static HostileAnswer Endless() => async (socket, stop) =>
    {
        await SendAsync(socket, Head(200, ["Content-Type: application/json", "Transfer-Encoding: chunked"]), stop);
        var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string('a', 0x10000)}\r\n");
        while (true)
        {
            await socket.SendAsync(chunk, stop);
        }
    };

    /// <summary>Announces a token response of 4 KiB, sends part of it and closes.</summary>
    public static HostileAnswer Truncated() => async (socket, stop) =>
    {
        await SendAsync(socket, Head(200, ["Content-Type: application/json", "Content-Length: 4096"]), stop);
        await SendAsync(socket, """{"access_token":"truncated-tok""", stop);
    };

    /// <summary>A chunked token response cut off inside a chunk, without the final zero-length chunk.</summary>
    public static HostileAnswer TruncatedChunked() => async (socket, stop) =>
    {
        await SendAsync(socket, Head(200, ["Content-Type: application/json", "Transfer-Encoding: chunked"]), stop);
        await SendAsync(socket, "400\r\n{\"access_token\":\"truncated-tok", stop);
    };

    /// <summary>Resets the connection (RST) without a byte of answer.</summary>
    public static HostileAnswer Reset() => (socket, _) =>
    {
        Abort(socket);
        return Task.CompletedTask;
    };

    /// <summary>Starts a token response, then resets the connection.</summary>
    public static HostileAnswer ResetMidBody() => async (socket, stop) =>
    {
        await SendAsync(socket, Head(200, ["Content-Type: application/json", "Content-Length: 4096"]), stop);
        await SendAsync(socket, """{"access_token":"reset-tok""", stop);
        Abort(socket);
    };

    /// <summary>A token response one byte every <paramref name="interval"/>: every read makes progress, the whole never arrives in time.</summary>
    public static HostileAnswer Drip(string body, TimeSpan interval) => async (socket, stop) =>
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await SendAsync(socket, Head(200, ["Content-Type: application/json", $"Content-Length: {bytes.Length}"]), stop);
        foreach (var single in bytes)
        {
            await socket.SendAsync(new[] { single }, stop);
            await Task.Delay(interval, stop);
        }
    };

    /// <summary>A small gzip body that inflates to <see cref="GzipBombInflatedBytes"/> of zeros.</summary>
    public static HostileAnswer GzipBombAnswer()
    {
        // Packed now, so that the seconds it takes are not counted against the helper.
        var packed = GzipBomb.Value;
        return async (socket, stop) =>
        {
            await SendAsync(socket, Head(200, ["Content-Type: application/json", "Content-Encoding: gzip", $"Content-Length: {packed.Length}"]), stop);
            await socket.SendAsync(packed, stop);
        };
    }

    /// <summary>A redirect to <paramref name="target"/>, which a helper must not follow with the credential.</summary>
    public static HostileAnswer Redirect(int status, Uri target) =>
        Status(status, "", $"Location: {new Uri(target, "identity/token")}");

    private static string Head(int status, IEnumerable<string> headers) =>
        $"HTTP/1.1 {status} Hostile\r\n{string.Concat(headers.Select(header => header + "\r\n"))}Connection: close\r\n\r\n";

    private static async Task SendAsync(Socket socket, string text, CancellationToken stop) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), stop);

    private static void Abort(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
