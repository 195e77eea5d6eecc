namespace Ibmtp.Secrets;

/// <summary>The <c>user:password</c> a URL may carry before its host, as in <c>http://user:password@proxy:3128</c>.</summary>
public static class UrlCredentials
{
    /// <summary>Where the user info of <paramref name="address"/> is, or null when it has none.</summary>
    public static Range? Find(string address)
    {
        var start = address.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
        var rest = address.AsSpan(start);
        var authority = rest.IndexOfAny(['/', '?', '#']) is var end and >= 0 ? rest[..end] : rest;
        return authority.LastIndexOf('@') is var at and > 0 ? new Range(start, start + at) : null;
    }

    /// <summary>Registers the user info of <paramref name="address"/>, whole and its password alone, with the redactor.</summary>
    public static void Protect(string address)
    {
        if (Find(address) is not { } userInfo)
            return;
        var credential = address[userInfo];
        SecretRedactor.Protect(credential);
        if (credential.IndexOf(':') is var colon and >= 0)
            SecretRedactor.Protect(credential[(colon + 1)..]);
    }
}
