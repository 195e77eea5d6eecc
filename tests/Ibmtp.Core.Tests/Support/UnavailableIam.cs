using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ibmtp.Tests.Support;

/// <summary>An IAM on 127.0.0.1 that answers every request 503 with a Retry-After, as an overloaded IAM does.</summary>
public sealed class UnavailableIam : IDisposable
{
    private readonly HttpListener _listener = new();

    public UnavailableIam(TimeSpan retryAfter)
    {
        Url = $"http://127.0.0.1:{FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = AnswerAsync(retryAfter);
    }

    public string Url { get; }

    public void Dispose() => _listener.Close();

    private async Task AnswerAsync(TimeSpan retryAfter)
    {
        try
        {
            while (true)
            {
                var call = await _listener.GetContextAsync();
                call.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
                call.Response.Headers["Retry-After"] = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                call.Response.Close();
            }
        }
        catch (Exception error) when (error is HttpListenerException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
