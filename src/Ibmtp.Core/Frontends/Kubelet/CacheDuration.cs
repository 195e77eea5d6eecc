using Ibmtp.Credentials;
using Ibmtp.Tokens;

namespace Ibmtp.Frontends.Kubelet;

/// <summary>How long the kubelet may keep a login before it asks the provider again.</summary>
public static class CacheDuration
{
    /// <summary>
    /// For an IAM token, until the token cache would renew it, so the kubelet never keeps a token once it
    /// has less than <see cref="LeastLifeLeft"/> left; for anything else (an API key), <paramref name="otherLogins"/>.
    /// </summary>
    public static TimeSpan For(Login login, DateTimeOffset now, TimeSpan otherLogins) =>
        login.RenewAt is { } renewAt ? (renewAt > now ? renewAt - now : TimeSpan.Zero) : otherLogins;
}
