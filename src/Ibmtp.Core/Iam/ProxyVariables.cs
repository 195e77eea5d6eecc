using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Iam;

/// <summary>
/// The variables from which .NET takes the proxy for IAM's https calls. A proxy's address may carry a
/// user and password, which .NET then repeats in its errors (a refused CONNECT names the proxy whole),
/// so they are registered with the redactor before any call is made.
/// </summary>
public static class ProxyVariables
{
    private static readonly string[] Names = ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "http_proxy", "HTTP_PROXY"];

    public static void ProtectCredentials(IEnvironment environment)
    {
        foreach (var name in Names)
        {
            if (environment.Get(name) is { Length: > 0 } address)
                UrlCredentials.Protect(address);
        }
    }
}
