using Ibmtp.CredentialSources;
using Ibmtp.Hosts;
using Ibmtp.Logging;
using Ibmtp.Protocol;
using Ibmtp.Storage;
using Serilog;

namespace Ibmtp;

/// <summary>
/// The helper's answer to each protocol action: refuses hosts it does not serve, asks the credential
/// sources in order for <c>get</c>, and keeps <c>docker login</c> results in the keystore.
/// </summary>
public sealed class IcrCredentialStore(
    ServedHosts servedHosts,
    IReadOnlyList<ICredentialSource> sources,
    Lazy<IKeystore> keystore,
    SecretRedactor redactor,
    ILogger log) : ICredentialStore
{
    public Credentials Get(string serverUrl)
    {
        var host = ParseServed(serverUrl, "get");
        foreach (var source in sources)
        {
            if (source.Find(host, serverUrl) is { } found)
            {
                log.Information("get {Host}: credentials from {Source} for {Username}", host, found.Origin, found.Credentials.Username);
                return found.Credentials;
            }
        }
        log.Information("get {Host}: no credentials in the environment or keystore", host);
        throw new CredentialsNotFoundException();
    }

    public void Add(Credentials credentials)
    {
        redactor.Protect(credentials.Secret);
        if (!RegistryHost.TryParse(credentials.ServerUrl, out var host))
            throw new HelperException("store: ServerURL is not a registry address such as us.icr.io");
        if (!servedHosts.Serves(host))
            throw new HelperException(
                $"docker-credential-ibmtp serves only IBM Cloud Container Registry hosts (icr.io, *.icr.io) and hosts opted in with IBMTP_REGISTRIES, not {host}: " +
                "list it under credHelpers in your docker or containers config, not as credsStore");
        keystore.Value.Save(host, new StoredLogin(credentials.Username, credentials.Secret));
        log.Information("store {Host}: saved for {Username}", host, credentials.Username);
    }

    public void Delete(string serverUrl)
    {
        var host = ParseServed(serverUrl, "erase");
        if (!keystore.Value.Remove(host))
        {
            log.Information("erase {Host}: nothing saved", host);
            throw new CredentialsNotFoundException();
        }
        log.Information("erase {Host}: removed", host);
    }

    public IReadOnlyDictionary<string, string> List()
    {
        var saved = keystore.Value.Usernames();
        log.Information("list: {Count} saved", saved.Count);
        return saved;
    }

    /// <summary>
    /// A host this helper does not serve, or an address that is no host at all, is a plain miss:
    /// docker then goes on anonymously, as it would without the helper.
    /// </summary>
    private RegistryHost ParseServed(string serverUrl, string action)
    {
        if (RegistryHost.TryParse(serverUrl, out var host) && servedHosts.Serves(host))
            return host;
        log.Information("{Action} {Address}: not served", action, serverUrl);
        throw new CredentialsNotFoundException();
    }
}
