using System.Net;

namespace Ibmtp.Iam;

/// <summary>
/// A proxy's answer other than 200 to the <c>CONNECT</c> that asks it for a tunnel to IAM. 429 and the 5xx say the
/// proxy is overloaded, failed, or could not reach IAM: what IAM's own 429 and 5xx, or a connection IAM did not take,
/// say without a proxy, so worth another attempt within the deadline. Any other answer (403: its policy forbids the
/// host; 407: it wants a user and password, or refused those given) comes from the proxy's settings or ours, which
/// asking again will not change.
/// </summary>
/// <param name="proxy">The proxy's URL, whose user and password never appear in what this says: only its host and port.</param>
internal sealed class TunnelRefusal(Uri? proxy, HttpStatusCode status)
{
    /// <summary>The refusal <paramref name="failure"/> reports, from the proxy <paramref name="proxy"/> chose for <paramref name="destination"/>, or null when it reports none.</summary>
    public static TunnelRefusal? Of(HttpRequestException? failure, IWebProxy? proxy, Uri destination) =>
        failure is { HttpRequestError: HttpRequestError.ProxyTunnelError, StatusCode: { } status }
            ? new TunnelRefusal(proxy?.GetProxy(destination), status)
            : null;

    public bool IsTransient => status is HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>What to change: .NET answers a proxy's 407 with the user and password the proxy's URL carries.</summary>
    public string Advice => status == HttpStatusCode.ProxyAuthenticationRequired
        ? "the proxy wants a user and password: put them in HTTPS_PROXY (http://user:password@host:port), or check the ones there"
        : "check that HTTPS_PROXY (or ALL_PROXY) names the right proxy, and add IAM's host to NO_PROXY if it is to be called directly";

    public override string ToString() =>
        $"the proxy {(proxy is null ? "" : $"{proxy.Host}:{proxy.Port} ")}refused the tunnel with HTTP {(int)status}" +
        (HttpClients.StandardReason(status) is { } reason ? $" ({reason})" : "");
}
