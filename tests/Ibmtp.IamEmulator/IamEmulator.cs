using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Ibmtp.Emulators;

/// <summary>
/// IBM Cloud IAM (with people's sign-in: discovery, the passcode page and sessions), the VPC instance metadata
/// service and a registry token server, on 127.0.0.1, for tests.
/// Everything a test registers or changes here takes effect on the next request, from any thread.
/// </summary>
public sealed class IamEmulator : IAsyncDisposable
{
    /// <summary>The identity of the VPC instance; list it among a profile's trusts to let the instance use that profile.</summary>
    public const string VpcInstance = "vpc";

    /// <summary>The identity of the Power Virtual Server instance; list it among a profile's trusts to let the instance use that profile.</summary>
    public const string PowerVsInstance = "powervs";

    /// <summary>
    /// A name for the emulator that is not loopback, which its HTTPS certificate carries too: a client applies its proxy
    /// settings to it as to a remote IAM. A <c>.test</c> name resolves nowhere (RFC 6761) but where a test maps it to
    /// 127.0.0.1: in a proxy of its own, or in a hosts file of a private mount namespace.
    /// </summary>
    public const string NonLoopbackName = "iam.emulator.test";

    private readonly WebApplication app;
    private readonly DirectoryInfo workDirectory;
    private readonly IdentityDirectory directory;
    private readonly IssuedTokens tokens;
    private readonly ServiceAccountTokens serviceAccountTokens;
    private readonly EmulatorSettings settings;
    private readonly EmulatorClock clock;
    private readonly FailureInjection failures;
    private readonly RequestCounters counters;
    private readonly RegistryTokenSigner registrySigner;
    private readonly Passcodes passcodes;
    private readonly SignInSessions sessions;
    private readonly TlsServerCertificate? tlsCertificate;
    private int disposed;

    private IamEmulator(WebApplication app, DirectoryInfo workDirectory, TlsServerCertificate? tlsCertificate)
    {
        this.app = app;
        this.workDirectory = workDirectory;
        this.tlsCertificate = tlsCertificate;
        directory = app.Services.GetRequiredService<IdentityDirectory>();
        tokens = app.Services.GetRequiredService<IssuedTokens>();
        serviceAccountTokens = app.Services.GetRequiredService<ServiceAccountTokens>();
        settings = app.Services.GetRequiredService<EmulatorSettings>();
        clock = app.Services.GetRequiredService<EmulatorClock>();
        failures = app.Services.GetRequiredService<FailureInjection>();
        counters = app.Services.GetRequiredService<RequestCounters>();
        registrySigner = app.Services.GetRequiredService<RegistryTokenSigner>();
        passcodes = app.Services.GetRequiredService<Passcodes>();
        sessions = app.Services.GetRequiredService<SignInSessions>();
        BaseUrl = new Uri(app.Urls.Single());
    }

    /// <summary>Where IAM and the metadata service are, e.g. <c>http://127.0.0.1:40123/</c> (<c>https://</c> with HTTPS).</summary>
    public Uri BaseUrl { get; }

    /// <summary>
    /// With HTTPS, the PEM file of the test CA that issued the emulator's server certificate (valid for 127.0.0.1,
    /// localhost and <see cref="NonLoopbackName"/>): what a client must trust, e.g. through <c>SSL_CERT_FILE</c>.
    /// Null when the emulator serves plain HTTP.
    /// </summary>
    public string? TlsCertificatePemPath => tlsCertificate?.PemPath;

    /// <summary>The <c>iss</c> of registry tokens; the registry's <c>auth.token.issuer</c> must equal it.</summary>
    public string RegistryTokenIssuer => registrySigner.Issuer;

    /// <summary>The PEM certificate that verifies registry tokens; the registry's <c>auth.token.rootcertbundle</c>.</summary>
    public string RegistryCertificatePemPath => registrySigner.CertificatePemPath;

    /// <summary>The realm to configure as the registry's <c>auth.token.realm</c>.</summary>
    public Uri RegistryTokenRealm => new(BaseUrl, RegistryTokenEndpoint.Path);

    /// <summary>Lifetime of every IAM access token issued from now on (default one hour).</summary>
    public TimeSpan TokenLifetime
    {
        get => settings.TokenLifetime;
        set => settings.TokenLifetime = value;
    }

    /// <summary>
    /// How far the clock that IAM access tokens and instance identity tokens are issued at, and checked
    /// against, runs ahead of the real one (default none). Age the helper's cached tokens as far to play
    /// out a token's life without waiting for it.
    /// </summary>
    public TimeSpan ClockAhead
    {
        get => clock.Ahead;
        set => clock.Ahead = value;
    }

    /// <summary>The emulator's time: the real time, <see cref="ClockAhead"/> ahead.</summary>
    public DateTimeOffset UtcNow => clock.UtcNow;

    /// <summary>Time every <c>/identity/token</c> response waits before it is sent, failures included (default none).</summary>
    public TimeSpan Delay
    {
        get => settings.Delay;
        set => settings.Delay = value;
    }

    /// <summary>The profile the metadata service exchanges for when the request names none; null means the instance has none.</summary>
    public string? VpcDefaultProfileId
    {
        get => directory.VpcDefaultProfileId;
        set => directory.VpcDefaultProfileId = value;
    }

    /// <summary>Which machine the VPC metadata service stands for (a virtual server of today by default).</summary>
    public MetadataServer MetadataServer
    {
        get => settings.MetadataServer;
        set => settings.MetadataServer = value;
    }

    /// <summary>Where the PowerVS metadata service is: its own endpoints, below <see cref="BaseUrl"/>.</summary>
    public Uri PowerVsMetadataUrl => new(BaseUrl, MetadataEndpoints.PowerVsPrefix.TrimStart('/'));

    /// <summary>Requests to one metadata route, such as <c>PUT /identity/v1/token</c> or <c>POST /powervs/identity/v1/iam_tokens</c>.</summary>
    public int MetadataRequestsTo(string route) => counters.MetadataRequestsTo(route);

    /// <summary>Requests to <c>/identity/token</c>, whatever their grant type or outcome.</summary>
    public int TotalTokenRequests => counters.TokenRequests;

    /// <summary>Requests to the VPC metadata service's <c>PUT /instance_identity/v1/token</c> or <c>PUT /identity/v1/token</c>.</summary>
    public int InstanceIdentityTokenRequests => counters.InstanceIdentityTokenRequests;

    /// <summary>Requests to the VPC metadata service's <c>POST /instance_identity/v1/iam_token</c> or <c>POST /identity/v1/iam_tokens</c>.</summary>
    public int InstanceIamTokenRequests => counters.InstanceIamTokenRequests;

    /// <summary>Requests to the registry token endpoint.</summary>
    public int RegistryTokenRequests => counters.RegistryTokenRequests;

    /// <summary>Requests to any endpoint that arrived over <paramref name="protocol"/>; <see cref="SslProtocols.None"/> counts those over plain HTTP.</summary>
    public int RequestsOver(SslProtocols protocol) => counters.RequestsOver(protocol);

    /// <summary>IAM's OpenID discovery document, which names the passcode page and the token endpoint.</summary>
    public Uri DiscoveryUrl => new(BaseUrl, SignInEndpoints.DiscoveryPath.TrimStart('/'));

    /// <summary>The passcode page: a form that signs a person in with e-mail address and password and shows a one-time passcode.</summary>
    public Uri PasscodePageUrl => new(BaseUrl, SignInEndpoints.PasscodePath.TrimStart('/'));

    /// <summary>How long a passcode stays good, on the emulator's clock (default five minutes).</summary>
    public TimeSpan PasscodeLifetime
    {
        get => settings.PasscodeLifetime;
        set => settings.PasscodeLifetime = value;
    }

    /// <summary>
    /// Whether the refresh grant kills the refresh token it used. False by default: every refresh returns a new refresh
    /// token, and the old ones stay good until their session ends.
    /// </summary>
    public bool SingleUseRefreshTokens
    {
        get => settings.SingleUseRefreshTokens;
        set => settings.SingleUseRefreshTokens = value;
    }

    /// <summary>The session policy of every account without one of its own (default <see cref="SessionPolicy.Default"/>).</summary>
    public SessionPolicy SessionPolicy
    {
        get => sessions.DefaultPolicy;
        set => sessions.DefaultPolicy = value;
    }

    /// <summary>Passcodes the passcode page and <see cref="IssuePasscode"/> have issued.</summary>
    public int PasscodesIssued => counters.PasscodesIssued;

    /// <summary>Assume grants that issued a profile token for a person's access or refresh token.</summary>
    public int PersonAssumeGrants => counters.PersonAssumeGrants;

    /// <summary>Starts an emulator serving plain HTTP on a free port of 127.0.0.1.</summary>
    public static Task<IamEmulator> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(useHttps: false, cancellationToken);

    /// <summary>Starts an emulator on a free port of 127.0.0.1.</summary>
    /// <param name="useHttps">
    /// Serve HTTPS, as real IAM does, with a server certificate issued by a test CA made for this emulator: no client
    /// trusts it unless given <see cref="TlsCertificatePemPath"/>. False serves plain HTTP.
    /// </param>
    public static Task<IamEmulator> StartAsync(bool useHttps, CancellationToken cancellationToken = default) =>
        StartAsync(useHttps ? EmulatorTls.Default : null, cancellationToken);

    /// <summary>Starts an emulator on a free port of 127.0.0.1, serving HTTPS as <paramref name="tls"/> says, or plain HTTP when it is null.</summary>
    public static Task<IamEmulator> StartAsync(EmulatorTls? tls, CancellationToken cancellationToken = default) =>
        StartAsync(port: 0, standalone: false, tls, cancellationToken);

    /// <param name="standalone">
    /// Run as its own process: stop on SIGTERM or Ctrl+C, and serve the <c>/_emulator</c> endpoints that stand in
    /// for the C# controls.
    /// </param>
    internal static async Task<IamEmulator> StartAsync(int port, bool standalone, EmulatorTls? tls, CancellationToken cancellationToken)
    {
        var workDirectory = Directory.CreateTempSubdirectory("ibmtp-iam-emulator-");
        TlsServerCertificate? tlsCertificate = null;
        WebApplication? app = null;
        try
        {
            if (tls is not null)
            {
                tlsCertificate = new TlsServerCertificate(Path.Combine(workDirectory.FullName, "tls-test-ca.pem"), tls.CertificateExpired);
            }

            app = Build(port, standalone, Path.Combine(workDirectory.FullName, "registry-token-signer.pem"), tlsCertificate, tls?.Protocols ?? SslProtocols.None);
            await app.StartAsync(cancellationToken);
            return new IamEmulator(app, workDirectory, tlsCertificate);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            tlsCertificate?.Dispose();
            workDirectory.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Number of <c>/identity/token</c> requests with this <c>grant_type</c>, e.g. <see cref="GrantTypes.Assume"/>.</summary>
    public int RequestCount(string grantType) => counters.TokenRequestsFor(grantType);

    /// <summary>Makes <paramref name="apiKey"/> a valid API key of the service ID named <paramref name="serviceIdName"/>.</summary>
    public void AddServiceIdApiKey(string apiKey, string serviceIdName) => directory.AddServiceIdApiKey(apiKey, serviceIdName);

    /// <summary>Makes <paramref name="token"/> a valid compute-resource token of <paramref name="subject"/>.</summary>
    public void AddComputeResourceToken(string token, string subject) => directory.AddComputeResourceToken(token, subject);

    /// <summary>Registers (or replaces, by ID) a trusted profile.</summary>
    /// <param name="trusts">Service ID names, compute-resource subjects and/or <see cref="VpcInstance"/> the profile trusts.</param>
    public void AddTrustedProfile(string id, string crn, string name, string accountId, params string[] trusts) =>
        directory.AddTrustedProfile(new TrustedProfile(id, crn, name, accountId, trusts.ToHashSet(StringComparer.Ordinal)));

    /// <summary>
    /// Adds a compute-resource trust condition to the registered profile <paramref name="profileId"/>: it then accepts
    /// the cr-token grant with a token of <paramref name="account"/> (same cluster, namespace and name).
    /// </summary>
    public void TrustServiceAccount(string profileId, KubernetesServiceAccount account)
    {
        if (!directory.TrustServiceAccount(profileId, account))
        {
            throw new ArgumentException($"no trusted profile '{profileId}' is registered", nameof(profileId));
        }
    }

    /// <summary>Registers (or replaces, by IAM ID) a person who can sign in on the passcode page.</summary>
    public void AddPerson(Person person) => directory.AddPerson(person);

    /// <summary>Makes the registered profile <paramref name="profileId"/> trust these people directly (an "Individual" trust).</summary>
    public void TrustPeople(string profileId, params string[] iamIds) =>
        UpdateProfile(profileId, profile => profile.AlsoTrustingPeople(iamIds));

    /// <summary>Adds (or replaces, by name) a rule by which the registered profile <paramref name="profileId"/> trusts federated people.</summary>
    public void TrustFederatedPeople(string profileId, FederatedTrustRule rule) =>
        UpdateProfile(profileId, profile => profile.WithRule(rule));

    /// <summary>Ends the profile's direct trust in the person <paramref name="iamId"/>; their sessions can no longer act as it.</summary>
    public void RemovePersonTrust(string profileId, string iamId) =>
        UpdateProfile(profileId, profile => profile.NoLongerTrustingPerson(iamId));

    /// <summary>Removes the profile's federated rule <paramref name="ruleName"/>.</summary>
    public void RemoveFederatedRule(string profileId, string ruleName) =>
        UpdateProfile(profileId, profile => profile.WithoutRule(ruleName));

    /// <summary>
    /// A one-time passcode for the person <paramref name="iamId"/>, as the passcode page would show them; with
    /// <paramref name="actingAsProfileId"/>, the session it begins acts as that profile, which must trust the person.
    /// </summary>
    public string IssuePasscode(string iamId, string? actingAsProfileId = null) =>
        passcodes.TryIssue(iamId, actingAsProfileId, out var refusal) ?? throw new ArgumentException(refusal, nameof(iamId));

    /// <summary>Gives the account its own session policy, or, with null, the default one again.</summary>
    public void SetSessionPolicy(string accountId, SessionPolicy? policy) => sessions.SetPolicy(accountId, policy);

    /// <summary>Ends a person's sign-in session: its refresh tokens and access tokens stop working. False if there is no such session.</summary>
    public bool RevokeSession(string sessionId) => sessions.Revoke(sessionId);

    /// <summary>
    /// Every access token issued in the session <paramref name="sessionId"/> so far (the person's own and the profile
    /// tokens assumed with them), oldest first, live or not: for a test to look for them where no secret may be.
    /// </summary>
    public IReadOnlyList<string> AccessTokensIssuedIn(string sessionId) =>
        sessions.TryFind(sessionId, out var session) ? session.AccessTokens : [];

    /// <summary>
    /// Every refresh token issued in the session <paramref name="sessionId"/> so far, oldest first, live or not: the last
    /// is the one a client that renews the session must be keeping.
    /// </summary>
    public IReadOnlyList<string> RefreshTokensIssuedIn(string sessionId) =>
        sessions.TryFind(sessionId, out var session) ? session.RefreshTokens : [];

    /// <summary>
    /// A projected token of <paramref name="account"/>, as its cluster would mint it for a pod; the cr-token grant
    /// takes it only for <see cref="ServiceAccountTokens.IamAudience"/> and a profile that trusts the account.
    /// </summary>
    /// <param name="lifetime">One hour by default, the kubelet's default for the tokens it requests.</param>
    public string IssueServiceAccountToken(KubernetesServiceAccount account, string audience = ServiceAccountTokens.IamAudience, TimeSpan? lifetime = null) =>
        serviceAccountTokens.Issue(account, audience, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>
    /// Makes the next <paramref name="count"/> requests to <c>/identity/token</c> fail with <paramref name="statusCode"/>
    /// and an IAM-shaped body, with a Retry-After header when <paramref name="retryAfter"/> is given.
    /// </summary>
    public void FailNext(int statusCode, int count = 1, TimeSpan? retryAfter = null) => failures.FailNext(statusCode, count, retryAfter);

    /// <summary>
    /// Makes the next <paramref name="count"/> requests to <c>/identity/token</c> fail with <paramref name="statusCode"/> and
    /// exactly <paramref name="body"/>: an IAM error body of IBM's, or what a proxy or gateway in front of IAM would send.
    /// </summary>
    public void FailNextWith(int statusCode, InjectedBody body, int count = 1) => failures.FailNext(statusCode, count, retryAfter: null, body);

    /// <summary>Makes <paramref name="accessToken"/> unusable everywhere; false if it was not live.</summary>
    public bool Revoke(string accessToken) => tokens.Revoke(accessToken);

    /// <summary>Makes every token issued so far unusable, instance identity tokens and people's sessions included.</summary>
    public void RevokeAllTokens()
    {
        tokens.RevokeAll();
        sessions.RevokeAll();
    }

    /// <summary>Sets every request counter back to zero.</summary>
    public void Reset() => counters.Reset();

    private void UpdateProfile(string profileId, Func<TrustedProfile, TrustedProfile> change)
    {
        if (!directory.UpdateProfile(profileId, change))
        {
            throw new ArgumentException($"no trusted profile '{profileId}' is registered", nameof(profileId));
        }
    }

    /// <summary>Completes when a standalone emulator is told to stop (SIGTERM, Ctrl+C).</summary>
    internal Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await app.StopAsync();
        await app.DisposeAsync();
        tlsCertificate?.Dispose();
        workDirectory.Delete(recursive: true);
    }

    private static WebApplication Build(int port, bool standalone, string registryCertificatePemPath, TlsServerCertificate? tlsCertificate, SslProtocols tlsProtocols)
    {
        // The empty builder reads no appsettings or ASPNETCORE_* variables, so nothing in the environment can move the port.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            if (tlsCertificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificate = tlsCertificate.Certificate, SslProtocols = tlsProtocols });
            }
        }));
        builder.Services.AddRoutingCore();
        // Warnings and errors only, and all on stderr: stdout of the standalone emulator carries just its address line.
        builder.Logging
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning);
        if (!standalone)
        {
            builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        }

        // A request held by Delay would otherwise keep DisposeAsync waiting for the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(1));

        builder.Services
            .AddSingleton<IdentityDirectory>()
            .AddSingleton<IssuedTokens>()
            .AddSingleton<ServiceAccountTokens>()
            .AddSingleton<EmulatorSettings>()
            .AddSingleton<EmulatorClock>()
            .AddSingleton<FailureInjection>()
            .AddSingleton<RequestCounters>()
            .AddSingleton<TokenGrants>()
            .AddSingleton<PersonGrants>()
            .AddSingleton<Passcodes>()
            .AddSingleton<SignInSessions>()
            .AddSingleton(_ => new RegistryTokenSigner("ibmtp-iam-emulator", registryCertificatePemPath));

        var app = builder.Build();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<RequestCounters>().CountProtocol(context.Features.Get<ITlsHandshakeFeature>()?.Protocol ?? SslProtocols.None);
            return next(context);
        });
        TokenEndpoint.Map(app);
        SignInEndpoints.Map(app);
        MetadataEndpoints.Map(app);
        RegistryTokenEndpoint.Map(app);
        if (standalone)
        {
            AdminEndpoints.Map(app, tlsCertificate?.PemPath);
        }

        return app;
    }
}
