namespace Ibmtp.CloudIdentity;

/// <summary>
/// IAM's token operation, <c>POST {IAM}/identity/token</c>. IBM's curl examples and the SDKs'
/// <c>*_AUTH_URL</c> settings often give the operation's own address rather than IAM's; the SDK cores
/// cut that path off the end (go-sdk-core's <c>strings.TrimSuffix(url, "/identity/token")</c>), and so
/// does the helper, so that the request goes to the operation once.
/// </summary>
public static class IamTokenOperation
{
    /// <summary>The operation's path below IAM's base URL.</summary>
    public const string Path = "identity/token";

    private const string Suffix = "/" + Path;

    /// <summary>IAM's base URL, from either IAM's address or the operation's, with or without a closing slash.</summary>
    public static string BaseUrl(string url)
    {
        var trimmed = url.TrimEnd('/');
        return trimmed.EndsWith(Suffix, StringComparison.Ordinal) ? trimmed[..^Suffix.Length] : trimmed;
    }
}
