using System.Net;

namespace Ibmtp.CloudIdentity;

/// <summary>Credentials travel only over HTTPS; plain HTTP is allowed for loopback, where tests and local proxies live.</summary>
public static class EndpointPolicy
{
    /// <summary>Null when <paramref name="text"/> is an acceptable endpoint, else what is wrong with it.</summary>
    public static string? Check(string text, out Uri url)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out url!) || url.Scheme is not ("https" or "http"))
            return "not an http(s) URL";
        return url.Scheme == "http" && !IsLoopback(url)
            ? "https is required (plain http is allowed only for loopback addresses)"
            : null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
