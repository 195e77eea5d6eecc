using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A token endpoint on 127.0.0.1 that misbehaves on purpose, written on a raw socket so that it can do
/// what no well-behaved server library will: reset the connection, lie about the length, drip, never
/// end a body. Every connection gets <see cref="Answer"/>; every request that arrived is recorded whole.
/// </summary>
public sealed class HostileIam : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly Task acceptLoop;

    public HostileIam(HostileAnswer answer)
    {
        Answer = answer;
        listener.Start();
        acceptLoop = AcceptAsync();
    }

    public HostileAnswer Answer { get; set; }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>Each request as it arrived: request line, headers and body.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop;
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stop.Token);
                connections.Add(ServeAsync(socket));
            }
        }
        catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket)
    {
        using (socket)
        {
            try
            {
                requests.Enqueue(await ReadRequestAsync(socket, stop.Token));
                await Answer(socket, stop.Token);
                if (socket.Connected)
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The helper hung up, which is what most answers are for.
            }
        }
    }

    /// <summary>Headers up to the blank line, then Content-Length bytes of body; the helper sends nothing chunked.</summary>
    private static async Task<string> ReadRequestAsync(Socket socket, CancellationToken cancellation)
    {
        var received = new List<byte>();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfBlankLine(received)) < 0)
        {
            var read = await socket.ReceiveAsync(buffer, cancellation);
            if (read == 0)
            {
                return Encoding.ASCII.GetString([.. received]);
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        var headers = Encoding.ASCII.GetString([.. received.Take(headerEnd)]);
        var length = headers.Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        while (received.Count < headerEnd + 4 + length)
        {
            var read = await socket.ReceiveAsync(buffer, cancellation);
            if (read == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, read));
        }

        return Encoding.UTF8.GetString([.. received]);
    }

    private static int IndexOfBlankLine(List<byte> received)
    {
        for (var i = 0; i + 3 < received.Count; i++)
        {
            if (received[i] == '\r' && received[i + 1] == '\n' && received[i + 2] == '\r' && received[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
