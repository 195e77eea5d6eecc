using System.Net;

namespace Ibmtp.CloudIdentity;

/// <summary>Credentials travel only over HTTPS; plain HTTP is allowed for loopback, where tests and local proxies live, and for a machine's own metadata service on its link-local address.</summary>
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

    /// <summary>
    /// As <see cref="Check"/>, and also plain HTTP to a link-local address (169.254.0.0/16): a VPC instance
    /// reaches its metadata service there without leaving the host, as IBM documents; a metadata service
    /// reached by name (https://api.metadata.cloud.ibm.com) answers with a token, so it needs https.
    /// </summary>
    public static string? CheckOnLink(string text, out Uri url)
    {
        if (Check(text, out url) is not { } problem)
            return null;
        if (url?.Scheme != "http")
            return problem;
        return IsLinkLocal(url) ? null : "https is required (plain http is allowed only for loopback and link-local addresses)";
    }

    private static bool IsLinkLocal(Uri uri) =>
        IPAddress.TryParse(uri.Host, out var address) && address.GetAddressBytes() is [169, 254, _, _];

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
