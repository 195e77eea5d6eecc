using System.Net;
using System.Net.Sockets;

namespace Ibmtp.IntegrationTests;

public static class FreePort
{
    /// <summary>A loopback port nothing listened on a moment ago; nothing holds it for the caller.</summary>
    public static int Probe()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
