using Ibmtp.Configuration;
using Ibmtp.Credentials;
using Ibmtp.Iam;
using Ibmtp.Keystores;
using Ibmtp.Keystores.EncryptedFile;
using Ibmtp.Keystores.Keychain;
using Ibmtp.Keystores.Pass;
using Ibmtp.Keystores.SecretService;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Sessions;
using Ibmtp.Tokens;

namespace Ibmtp.Composition;

/// <summary>
/// The objects a command works with, wired from the <see cref="HelperContext"/>: paths, settings and
/// the log at once, everything else on first use, so a call builds only what it needs. A `get`
/// answered from the environment, or for a host not served, never opens the keystore or the cache.
/// </summary>
public sealed class HelperServices : IDisposable
{
    private readonly HelperContext _context;
    private readonly UntracedLogger _log;
    private CredentialService? _credentials;
    private TrustedProfileSource? _trustedProfiles;
    private PersonSessionSource? _personSessions;
    private SessionStore? _sessions;
    private Lazy<IKeystore>? _keystore;
    private WriteLock? _keystoreWrites;
    private ITokenCache? _tokenCache;
    private EnvironmentSecrets? _secrets;
    private Deadline? _keystoreDeadline;

    private static readonly Lazy<IKeystore> NoKeystore = new(() => throw new InvalidOperationException("the kubelet provider has no keystore"));

    private readonly TimeoutCap? _timeoutCap;

    private HelperServices(HelperContext context, HelperPaths paths, HelperSettings settings, UntracedLogger log, TimeoutCap? timeoutCap)
    {
        _context = context;
        _timeoutCap = timeoutCap;
        _log = log;
        Paths = paths;
        Settings = settings;
    }

    public HelperPaths Paths { get; }

    public HelperSettings Settings { get; }

    /// <summary>The sealed logger, not ILogger: through the interface every generic call is resolved at run time (ArchitectureTests).</summary>
    public UntracedLogger Log => _log;

    /// <summary>
    /// What the docker front end answers from, in order: the environment's own credentials, a person's
    /// sign-in session, then what <c>docker login</c> saved.
    /// </summary>
    public CredentialService Credentials => _credentials ??= new CredentialService(Settings.ServedHosts.Value, [TrustedProfiles, PersonSessions, new KeystoreSource(Keystore)], Keystore, Log);

    /// <summary>
    /// What the kubelet provider answers from: the pod's service account first, then the node's own
    /// identity. A node has no <c>docker login</c>, so the keystore is never read.
    /// </summary>
    public CredentialService KubeletCredentials(ServiceAccount? account) =>
        new(Settings.ServedHosts.Value, account is null ? [TrustedProfiles] : [new ServiceAccountSource(account, TrustedProfiles, Log), TrustedProfiles], NoKeystore, Log);

    /// <summary>The environment's own credentials in each host's mode, asked first.</summary>
    public TrustedProfileSource TrustedProfiles => _trustedProfiles ??= CreateTrustedProfileSource();

    /// <summary>A person's sign-in session, kept in the keystore in use; never the kubelet's.</summary>
    public SessionStore Sessions => _sessions ??= new(Keystore);

    /// <summary>The trusted profile's token for the person signed in, asked after the environment and before the saved logins.</summary>
    public PersonSessionSource PersonSessions => _personSessions ??= CreatePersonSessionSource();

    /// <summary>The keystore, opened on first use: a get answered from the environment never reads it.</summary>
    public Lazy<IKeystore> Keystore => _keystore ??= new(() => OpenKeystore(Settings.Keystore.Value));

    /// <summary>
    /// The store of that kind. Each is opened as chosen, never replaced by another when it fails. Every
    /// store this call opens takes the same write lock, so their writers queue with every other helper's.
    /// </summary>
    public IKeystore OpenKeystore(KeystoreKind kind) => kind switch
    {
        KeystoreKind.File => new FileKeystore(Paths.DataFolder, Secrets.KeystorePassphrase(), KeystoreWrites),
        KeystoreKind.SecretService => new SecretServiceKeystore(SessionBus.Address(_context.Environment) is { } bus ? new DBusSecretItems(bus, KeystoreDeadline) : null, KeystoreWrites),
        KeystoreKind.Pass => PassKeystore.Open(_context.Environment, KeystoreWrites, KeystoreDeadline, new UserWarnings(_context.Error, Log).Warn),
        KeystoreKind.Keychain => KeychainKeystore.OnThisSystem(KeystoreWrites),
    };

    private WriteLock KeystoreWrites => _keystoreWrites ??= new(() => Paths.DataFolder);

    /// <summary>IBMTP_TIMEOUT for all of a command's keystore work, from its first use: every Secret Service call and every run of pass share it.</summary>
    private Deadline KeystoreDeadline => _keystoreDeadline ??= new Deadline(Settings.Timeout.Value, _context.Time);

    public ITokenCache TokenCache => _tokenCache ??= CreateTokenCache();

    public EnvironmentSecrets Secrets => _secrets ??= new(_context.Environment, EnvironmentSecrets.DefaultComputeResourceTokenFiles);

    /// <summary>Resolves paths and settings and opens the log; throws a <see cref="HelperException"/> for settings that cannot be read.</summary>
    /// <param name="timeoutCap">A bound on the timeout setting, for a caller that kills the helper sooner (the kubelet).</param>
    public static HelperServices Create(HelperContext context, TimeoutCap? timeoutCap = null)
    {
        var paths = new HelperPaths(context.Environment);
        var settings = SettingsResolver.Resolve(context.Environment, paths);
        // Without HOME (and XDG_STATE_HOME) there is nowhere to log; the call itself still works.
        var log = paths.HasStateFolder ? HelperLog.Create(settings.LogLevel.Value, paths.StateFolder) : HelperLog.Create(LogLevel.Off, "");
        return new HelperServices(context, paths, settings, log, timeoutCap);
    }

    private ITokenCache CreateTokenCache()
    {
        if (Settings.CacheDisabled.Value)
            return NullTokenCache.Instance;
        if (!Paths.HasCacheFolder)
        {
            // A kubelet started by systemd has no HOME; the cache only saves IAM calls, so do without it.
            Log.Debug("no token cache: neither XDG_CACHE_HOME nor HOME is set");
            return NullTokenCache.Instance;
        }
        return new FileTokenCache(() => Paths.CacheFolder, _context.Time, Log);
    }

    private TrustedProfileSource CreateTrustedProfileSource()
    {
        var time = _context.Time;
        var warnings = new UserWarnings(_context.Error, Log);
        var sender = new RetryingSender(time, Log);
        ProxyVariables.ProtectCredentials(_context.Environment);
        return new TrustedProfileSource(
            Settings,
            Secrets,
            new TokenService(TokenCache, Settings.Timeout.Value, time, warnings.Warn, _timeoutCap),
            iamUrl => new IamClient(HttpClients.Create(iamUrl), sender, time),
            (metadataUrl, api) => new MetadataIdentityClient(HttpClients.CreateForMetadataService(metadataUrl), api, sender, time));
    }

    private PersonSessionSource CreatePersonSessionSource() => PersonSessionsThrough(ConnectPersonIam);

    /// <summary>The person's session as <see cref="PersonSessions"/> serves and renews it, with IAM reached through <paramref name="connectIam"/>.</summary>
    public PersonSessionSource PersonSessionsThrough(Func<Uri, IPersonIam> connectIam) => new(
        Sessions,
        TokenCache,
        connectIam,
        Settings.Timeout.Value,
        _context.Time,
        Log,
        new UserWarnings(_context.Error, Log).Warn);

    /// <summary>IAM at <paramref name="iamUrl"/>, for a person's sign-in and its renewals.</summary>
    public IPersonIam ConnectPersonIam(Uri iamUrl)
    {
        ProxyVariables.ProtectCredentials(_context.Environment);
        return new IamClient(HttpClients.Create(iamUrl), new RetryingSender(_context.Time, Log), _context.Time);
    }

    public void Dispose()
    {
        _keystoreDeadline?.Dispose();
        _log.Dispose();
    }
}
