using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// An HTTP proxy on 127.0.0.1, as HTTPS_PROXY names one: for <c>CONNECT host:port</c> it opens a tunnel and relays
/// bytes both ways, or refuses as <see cref="RefusesTunnelsWith"/> says; any other request (an <c>http://</c> URL,
/// which a client sends a proxy in clear) it answers 502. It records every request line and every byte anyone sends
/// it, so a test can say what crossed it in clear.
/// </summary>
public sealed class ConnectProxy : IAsyncDisposable
{
    private const int LongestHead = 16 * 1024;
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<string> requestLines = new();
    private readonly ConcurrentDictionary<Task, byte> connections = new();
    private readonly MemoryStream received = new();
    private readonly Lock recording = new();
    private readonly Task accepting;
    private long relayedBytes;

    public ConnectProxy()
    {
        listener.Start();
        Authority = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        accepting = AcceptAsync();
    }

    /// <summary>
    /// The status the proxy answers every <c>CONNECT</c> with instead of opening the tunnel, e.g. 403 as a proxy whose
    /// policy forbids the destination, 407 (with a Basic challenge) as one whose user and password were not given or
    /// are wrong, 503 as one that could not reach the destination; null opens tunnels.
    /// </summary>
    public HttpStatusCode? RefusesTunnelsWith { get; set; }

    /// <summary>
    /// Host names the proxy resolves to 127.0.0.1 itself, as a proxy's own DNS knows names its clients' machines may
    /// not: a tunnel to <see cref="Ibmtp.Emulators.IamEmulator.NonLoopbackName"/> reaches the emulator.
    /// </summary>
    public IReadOnlyCollection<string> LoopbackNames { get; init; } = [];

    /// <summary>Where the proxy listens, e.g. <c>127.0.0.1:40123</c>.</summary>
    public string Authority { get; }

    /// <summary>The proxy's URL, e.g. <c>http://127.0.0.1:40123</c>, as HTTPS_PROXY takes it.</summary>
    public string Url => $"http://{Authority}";

    /// <summary>The first line of every request the proxy was sent, e.g. <c>CONNECT 127.0.0.1:443 HTTP/1.1</c>.</summary>
    public IReadOnlyList<string> RequestLines => [.. requestLines];

    /// <summary>How many bytes went through its tunnels, either way.</summary>
    public long RelayedBytes => Interlocked.Read(ref relayedBytes);

    /// <summary>Whether <paramref name="text"/>, as UTF-8, is anywhere in what the proxy was sent: requests, and bytes relayed either way.</summary>
    public bool Saw(string text)
    {
        lock (recording)
        {
            return received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
        }
    }

    /// <summary>Waits until every connection has closed, so that nothing a finished client sent is still on its way.</summary>
    public Task IdleAsync() => Task.WhenAll(connections.Keys).WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await Task.WhenAll([accepting, .. connections.Keys]).ContinueWith(_ => { }, TaskScheduler.Default);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var connection = ServeAsync(client);
            connections.TryAdd(connection, 0);
            _ = connection.ContinueWith(done => connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        try
        {
            var (head, early) = await ReadHeadAsync(client);
            var requestLine = Encoding.ASCII.GetString(head.AsSpan(0, Math.Max(head.AsSpan().IndexOf("\r\n"u8), 0)));
            requestLines.Enqueue(requestLine);
            var words = requestLine.Split(' ');
            if (words is not ["CONNECT", var authority, _])
            {
                await DrainAsync(client);
                await client.SendAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), stopping.Token);
                return;
            }

            if (RefusesTunnelsWith is { } refusal)
            {
                await client.SendAsync(Refusal(refusal), stopping.Token);
                return;
            }

            using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
            var target = new Uri($"tcp://{authority}");
            var host = LoopbackNames.Contains(target.IdnHost, StringComparer.OrdinalIgnoreCase) ? IPAddress.Loopback.ToString() : target.IdnHost;
            await upstream.ConnectAsync(host, target.Port, stopping.Token);
            await client.SendAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), stopping.Token);
            if (early.Length > 0)
            {
                Interlocked.Add(ref relayedBytes, early.Length);
                await upstream.SendAsync(early, stopping.Token);
            }

            await Task.WhenAll(RelayAsync(client, upstream), RelayAsync(upstream, client));
        }
        catch (Exception error) when (error is SocketException or IOException or OperationCanceledException or UriFormatException)
        {
            // A client that went away, or a proxy stopping: the tunnel is over, and what was sent is recorded.
        }
    }

    /// <summary>The answer refusing a tunnel with <paramref name="status"/>; a 407 challenges for Basic credentials, as a proxy asking for them does.</summary>
    private static byte[] Refusal(HttpStatusCode status)
    {
        using var standard = new HttpResponseMessage(status);
        var challenge = status == HttpStatusCode.ProxyAuthenticationRequired ? "Proxy-Authenticate: Basic realm=\"proxy\"\r\n" : "";
        return Encoding.ASCII.GetBytes($"HTTP/1.1 {(int)status} {standard.ReasonPhrase}\r\n{challenge}Content-Length: 0\r\nConnection: close\r\n\r\n");
    }

    /// <summary>The request's head up to its blank line, and whatever arrived after it (the start of a tunnel's bytes).</summary>
    private async Task<(byte[] Head, byte[] Early)> ReadHeadAsync(Socket client)
    {
        var buffer = new byte[LongestHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(length), stopping.Token);
            if (read == 0)
            {
                break;
            }

            Record(buffer.AsSpan(length, read));
            length += read;
            var end = buffer.AsSpan(0, length).IndexOf(EndOfHead);
            if (end >= 0)
            {
                end += EndOfHead.Length;
                return (buffer[..end], buffer[end..length]);
            }
        }

        return (buffer[..length], []);
    }

    /// <summary>Records what else a client sends with a request the proxy refuses (a body, say) for a short while.</summary>
    private async Task DrainAsync(Socket client)
    {
        var buffer = new byte[16 * 1024];
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        patience.CancelAfter(TimeSpan.FromMilliseconds(200));
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer, patience.Token)) > 0)
            {
                Record(buffer.AsSpan(0, read));
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // Nothing more within the while: the refusal goes out now.
        }
    }

    private async Task RelayAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, stopping.Token)) > 0)
            {
                Record(buffer.AsSpan(0, read));
                Interlocked.Add(ref relayedBytes, read);
                await to.SendAsync(buffer.AsMemory(0, read), stopping.Token);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // One side closed abruptly; the other direction ends on its own.
            to.Close();
        }
    }

    private void Record(ReadOnlySpan<byte> bytes)
    {
        lock (recording)
        {
            received.Write(bytes);
        }
    }
}
