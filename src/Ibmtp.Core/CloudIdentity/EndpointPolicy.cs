using System.Net;

namespace Ibmtp.CloudIdentity;

/// <summary>
/// Credentials travel only over HTTPS; plain HTTP is allowed for loopback, where tests and local proxies
/// live, and for a machine's own metadata service on its link-local address. An endpoint is a scheme,
/// host, port and path: the helper adds each call's path and query to it.
/// </summary>
public static class EndpointPolicy
{
    /// <summary>Null when <paramref name="text"/> is an acceptable endpoint, else what is wrong with it.</summary>
    public static string? Check(string text, out Uri url) => Problem(text, out url, onLink: false);

    /// <summary>
    /// As <see cref="Check"/>, and also plain HTTP to a link-local address (169.254.0.0/16): a VPC instance
    /// reaches its metadata service there without leaving the host, as IBM documents; a metadata service
    /// reached by name (https://api.metadata.cloud.ibm.com) answers with a token, so it needs https.
    /// </summary>
    public static string? CheckOnLink(string text, out Uri url) => Problem(text, out url, onLink: true);

    private static string? Problem(string text, out Uri url, bool onLink)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out url!) || url.Scheme is not ("https" or "http"))
            return "not an http(s) URL";
        if (PartToRemove(url) is { } part)
            return part;
        if (url.Scheme == "https" || IsLoopback(url) || (onLink && IsLinkLocal(url)))
            return null;
        return onLink
            ? "https is required (plain http is allowed only for loopback and link-local addresses)"
            : "https is required (plain http is allowed only for loopback addresses)";
    }

    /// <summary>
    /// A query or fragment would sit between the endpoint and the path each call adds, sending the call
    /// elsewhere or losing the query; user info is a credential the endpoint does not take.
    /// </summary>
    private static string? PartToRemove(Uri url)
    {
        // "https://@host" has an empty user info, which Uri reports as none.
        if (url.UserInfo.Length > 0 || url.GetLeftPart(UriPartial.Authority).Contains('@'))
            return "remove the user info (the part up to '@'): an endpoint takes no user name or password";
        if (url.Query.Length > 0)
            return "remove the query (the part from '?'): an endpoint is a scheme, host, port and path, to which each call adds its own";
        return url.Fragment.Length > 0
            ? "remove the fragment (the part from '#'): an endpoint is a scheme, host, port and path, to which each call adds its own"
            : null;
    }

    private static bool IsLinkLocal(Uri uri) =>
        IPAddress.TryParse(uri.Host, out var address) && address.GetAddressBytes() is [169, 254, _, _];

    /// <summary>
    /// Whether <paramref name="uri"/> names this machine by its loopback: localhost, 127.0.0.0/8 or ::1 (IPv4-mapped
    /// too). The name alone decides, as in Go's net/http: another name that resolves to 127.0.0.1 is not loopback.
    /// </summary>
    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
