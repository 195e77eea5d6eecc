using Ibmtp.Hosts;

namespace Ibmtp.Credentials;

/// <summary>
/// How every front end asks for a registry's login when the settings it is built from may be broken:
/// settings that cannot be read opt no host in. docker and podman call get for every configured host,
/// and the kubelet runs its provider for every image its configuration matches, so a broken setting
/// must not fail the pulls of unrelated registries; for an IBM registry, which is served whatever the
/// settings, the error is reported.
/// </summary>
public static class ServedLogin
{
    /// <param name="credentials">Builds the service to ask; throws a <see cref="HelperException"/> for settings that cannot be read.</param>
    public static Login? Find(string address, Func<CredentialService> credentials)
    {
        CredentialService service;
        try
        {
            service = credentials();
        }
        catch (HelperException) when (!ServedHosts.IsIbmRegistry(address))
        {
            return null;
        }
        return service.Find(address);
    }
}
