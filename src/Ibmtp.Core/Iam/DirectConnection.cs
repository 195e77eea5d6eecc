using System.Net;

namespace Ibmtp.Iam;

/// <summary>
/// No proxy, whatever the environment names: for the endpoints only this machine reaches, its loopback and its
/// metadata service. Over the plain http <c>EndpointPolicy</c> allows them, a proxy would also be sent the request,
/// API key or token included, in clear.
/// </summary>
internal sealed class DirectConnection : IWebProxy
{
    public static readonly DirectConnection Instance = new();

    private DirectConnection()
    {
    }

    public ICredentials? Credentials { get; set; }

    public Uri? GetProxy(Uri destination) => null;

    public bool IsBypassed(Uri host) => true;
}
