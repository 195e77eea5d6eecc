using System.Net;
using Ibmtp.Protocol;

namespace Ibmtp.Iam;

/// <summary>Credentials travel only over HTTPS; plain HTTP is allowed for loopback, where tests and local proxies live.</summary>
public static class EndpointPolicy
{
    public static Uri RequireSecure(string url, string setting)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new HelperException($"{setting} is '{url}', which is not an http(s) URL");
        if (uri.Scheme == "http" && !IsLoopback(uri))
            throw new HelperException($"{setting} is '{url}': https is required (plain http is allowed only for loopback addresses)");
        return uri;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
