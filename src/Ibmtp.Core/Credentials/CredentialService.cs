using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Keystores;
using Ibmtp.Logging;
using Ibmtp.Secrets;
using Ibmtp.Sessions;

namespace Ibmtp.Credentials;

/// <summary>
/// The one answer every front end gives: which hosts are served, which source's login wins for a
/// host, and what <c>docker login</c> keeps. Front ends turn its answers into their protocol. The entry
/// that keeps a person's session (<see cref="SessionStore.Key"/>) is no registry's: no registry command
/// reads, writes, removes or lists it, even where a setting would serve its host.
/// </summary>
public sealed class CredentialService(
    ServedHosts servedHosts,
    IReadOnlyList<ICredentialSource> sources,
    Lazy<IKeystore> keystore,
    UntracedLogger log)
{
    /// <summary>
    /// The login for the registry at <paramref name="address"/>, or null: when the host is not served
    /// (the client then goes on anonymously, as it would without the helper) or no source has one.
    /// </summary>
    public Login? Find(string address)
    {
        if (ParseServed(address, "get") is not { } host)
            return null;
        foreach (var source in sources)
        {
            if (source.Find(host) is { } login)
            {
                log.Information("get {Host}: credentials from {Source} for {Username}", host, login.Origin, login.Username);
                return login;
            }
        }
        log.Information("get {Host}: no credentials in the environment or keystore", host);
        return null;
    }

    /// <summary>Keeps a login for a served host; any other host is an error that says how to configure the client.</summary>
    public void Save(string address, string username, Secret secret)
    {
        if (!RegistryHost.TryParse(address, out var host) || SessionStore.IsReserved(host))
            throw new HelperException("store: ServerURL is not a registry address such as us.icr.io");
        if (!servedHosts.Serves(host))
        {
            throw new HelperException(
                $"{HelperInfo.Name} serves only IBM Cloud Container Registry hosts (icr.io, *.icr.io) and hosts opted in with {SettingsTable.Registries.Variable}, not {host}: " +
                "list it under credHelpers in your docker or containers config, not as credsStore");
        }
        if (sources.FirstOrDefault(source => source.Supplies(host, username, secret)) is { } supplier)
        {
            log.Debug("store {Host}: {Username} is what the environment supplies ({Source}); not kept on disk", host, username, supplier.GetType().Name);
            return;
        }
        keystore.Value.Save(host, new StoredLogin(username, secret));
        log.Information("store {Host}: saved for {Username}", host, username);
    }

    /// <summary>
    /// Removes what was kept for a host; false when nothing was, or the address is no host. A host no
    /// longer served (taken out of IBMTP_REGISTRIES, say) still has a login it kept removed, so no
    /// login is stranded.
    /// </summary>
    public bool Remove(string address)
    {
        if (!RegistryHost.TryParse(address, out var host) || SessionStore.IsReserved(host))
        {
            log.Information("erase {Address}: not a registry host", address);
            return false;
        }
        if (!servedHosts.Serves(host))
            return RemoveStranded(host);
        var removed = keystore.Value.Remove(host);
        log.Information(removed ? "erase {Host}: removed" : "erase {Host}: nothing saved", host);
        return removed;
    }

    /// <summary>Looked up first, so that a keystore that cannot be read, or holds nothing for the host, changes nothing and fails nothing.</summary>
    private bool RemoveStranded(RegistryHost host)
    {
        try
        {
            if (keystore.Value.Find(host) is null)
            {
                log.Information("erase {Host}: not served", host);
                return false;
            }
        }
        catch (HelperException error)
        {
            log.Information("erase {Host}: not served, and the keystore cannot be read: {Reason}", host, error.Message);
            return false;
        }
        keystore.Value.Remove(host);
        log.Information("erase {Host}: removed a login kept from when the host was served", host);
        return true;
    }

    /// <summary>Saved hosts and their usernames; a person's session is no saved host.</summary>
    public IReadOnlyDictionary<string, string> List()
    {
        var saved = keystore.Value.Usernames();
        var reserved = SessionStore.Key.ToString();
        if (saved.ContainsKey(reserved))
            saved = saved.Where(entry => entry.Key != reserved).ToDictionary(StringComparer.Ordinal);
        log.Information("list: {Count} saved", saved.Count);
        return saved;
    }

    /// <summary>An address that is no host at all is treated like a host not served: a plain miss.</summary>
    private RegistryHost? ParseServed(string address, string action)
    {
        if (RegistryHost.TryParse(address, out var host) && servedHosts.Serves(host) && !SessionStore.IsReserved(host))
            return host;
        log.Information("{Action} {Address}: not served", action, address);
        return null;
    }
}
