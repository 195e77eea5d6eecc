using Ibmtp.Credentials;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>How long the kubelet may keep a login before it asks the provider again.</summary>
public static class CacheDuration
{
    /// <summary>
    /// For an IAM token, until the token cache would renew it (80% of its life), so the kubelet never
    /// holds a token past its expiry; for anything else (an API key), <paramref name="otherLogins"/>.
    /// </summary>
    public static TimeSpan For(Login login, DateTimeOffset now, TimeSpan otherLogins) =>
        login.RenewAt is { } renewAt ? (renewAt > now ? renewAt - now : TimeSpan.Zero) : otherLogins;
}
