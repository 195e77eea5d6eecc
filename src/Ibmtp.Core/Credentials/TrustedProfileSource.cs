using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Iam;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Credentials;

/// <summary>
/// Credentials the machine itself holds, in the host's mode: the API key passed through (apikey),
/// or a trusted profile's short-lived IAM token traded for an API key (token), a compute-resource
/// token (cr-token), the VPC instance identity (vpc) or the PowerVS instance identity (powervs). Nothing
/// is read or sent that the mode does not need; in particular a metadata address is never probed unless
/// its mode is chosen.
/// </summary>
public sealed class TrustedProfileSource(
    HelperSettings settings,
    EnvironmentSecrets secrets,
    TokenService tokens,
    Func<Uri, IamClient> connectIam,
    Func<Uri, MetadataIdentityApi, MetadataIdentityClient> connectMetadata) : ICredentialSource
{
    public const string PlainApiKeyUsername = "iamapikey";
    public const string BearerUsername = "iambearer";

    public Login? Find(RegistryHost host) => Plan(host) switch
    {
        PassThroughPlan passThrough => new Login(passThrough.Username, passThrough.ApiKey.Secret, "environment (apikey)"),
        TokenPlan token => Bearer(token.Exchange),
        _ => null,
    };

    /// <summary>A pod's service-account token, traded with the cr-token grant for <paramref name="profile"/>, in the host's IAM.</summary>
    public Login ForServiceAccount(RegistryHost host, Secret serviceAccountToken, TrustedProfile profile) =>
        Bearer(CrTokenExchange(settings.For(host), serviceAccountToken, profile));

    /// <summary>
    /// The API key the environment passes through, with its username; or, in a token mode, any
    /// <c>iambearer</c> login, since a token kept on disk would outlive itself.
    /// </summary>
    public bool Supplies(RegistryHost host, string username, Secret secret)
    {
        try
        {
            return Plan(host) switch
            {
                PassThroughPlan passThrough => passThrough.Username == username && passThrough.ApiKey.Secret.Equals(secret),
                TokenPlan => username == BearerUsername,
                _ => false,
            };
        }
        catch (HelperException)
        {
            return false;
        }
    }

    /// <summary>What the host's mode would do with what the environment holds, or null when it holds nothing for it.</summary>
    public CredentialPlan? Plan(RegistryHost host)
    {
        var hostSettings = settings.For(host);
        // No default arm: a new mode must be given its own flow here, or the build fails.
        return hostSettings.Mode.Value switch
        {
            // The registry takes a profile by ID only; a profile named otherwise is reached through IAM, never dropped.
            CredentialMode.Auto => secrets.ApiKey() is { } apiKey
                ? hostSettings.Profile.Value is null or { Kind: TrustedProfileKind.Id } ? ApiKeyPassedThrough(hostSettings, apiKey) : ApiKeyTraded(hostSettings, apiKey)
                : ComputeResourceTokenTraded(hostSettings, profileRequired: false),
            CredentialMode.ApiKey => secrets.ApiKey() is { } apiKey ? ApiKeyPassedThrough(hostSettings, apiKey) : null,
            CredentialMode.Token => secrets.ApiKey() is { } apiKey ? ApiKeyTraded(hostSettings, apiKey) : null,
            CredentialMode.CrToken => ComputeResourceTokenTraded(hostSettings, profileRequired: true),
            CredentialMode.Vpc => VpcIdentityTraded(hostSettings),
            CredentialMode.PowerVs => MachineIdentityTraded(CredentialMode.PowerVs, settings.PowerVsMetadataUrl.Value, MetadataIdentityApi.PowerVs(), PowerVsProfile(hostSettings)),
        };
    }

    private TokenPlan VpcIdentityTraded(HostSettings hostSettings)
    {
        var metadataUrl = settings.VpcMetadataUrl.Value;
        var api = MetadataIdentityApi.Vpc(settings.VpcMetadataVersion.Value);
        return MachineIdentityTraded(CredentialMode.Vpc, metadataUrl, api, api.Taking(hostSettings.Profile.Value));
    }

    private TokenPlan MachineIdentityTraded(CredentialMode mode, Uri metadataUrl, MetadataIdentityApi api, TrustedProfile? profile) =>
        new(new MetadataExchange(mode, () => connectMetadata(metadataUrl, api), metadataUrl, profile), null);

    /// <summary>IBM documents PowerVS's exchange only with a profile named in the call; it has no default profile to fall back on.</summary>
    private static TrustedProfile PowerVsProfile(HostSettings hostSettings) =>
        hostSettings.Profile.Value ?? throw new HelperException(
            $"powervs mode needs a trusted profile: set {SettingsTable.ProfileId.Variable}, {SettingsTable.ProfileCrn.Variable} or {SettingsTable.ProfileName.Variable}");

    /// <summary>The key goes to the registry with the profile's ID as its username; a profile without one would be dropped, so it is refused.</summary>
    private static PassThroughPlan ApiKeyPassedThrough(HostSettings hostSettings, SourcedSecret apiKey) => hostSettings.Profile.Value switch
    {
        null => new PassThroughPlan(apiKey, PlainApiKeyUsername),
        { Id: { } profileId } => new PassThroughPlan(apiKey, profileId),
        var profile => throw new HelperException(
            $"apikey mode hands the API key to the registry, which takes a trusted profile by ID only, so the profile {profile} would be dropped " +
            $"and the key would log in as its own service ID: set {SettingsTable.ProfileId.Variable} to the profile's ID, or {SettingsTable.Mode.Variable}=token to trade the key with IAM for the profile's token"),
    };

    private TokenPlan ApiKeyTraded(HostSettings hostSettings, SourcedSecret apiKey) =>
        new(ApiKeyExchange(hostSettings, apiKey.Secret), apiKey);

    /// <summary>In auto mode a token without a profile is no reason to fail: the keystore may still answer.</summary>
    private TokenPlan? ComputeResourceTokenTraded(HostSettings hostSettings, bool profileRequired)
    {
        if (hostSettings.Profile.Value is not { } profile)
        {
            return profileRequired
                ? throw new HelperException($"cr-token mode needs a trusted profile: set {SettingsTable.ProfileId.Variable}, {SettingsTable.ProfileCrn.Variable} or {SettingsTable.ProfileName.Variable}")
                : null;
        }
        return secrets.ComputeResourceToken() is { } crToken ? new TokenPlan(CrTokenExchange(hostSettings, crToken.Secret, profile), crToken) : null;
    }

    private Login Bearer(ITokenExchange exchange)
    {
        var token = tokens.Get(exchange);
        return new Login(BearerUsername, token.AccessToken, $"IAM ({CredentialModes.All.Spelling(exchange.Mode)})", token.ExpiresAt, token.RenewAt);
    }

    private ApiKeyExchange ApiKeyExchange(HostSettings hostSettings, Secret apiKey)
    {
        var iamUrl = hostSettings.IamUrl.Value;
        return new(() => connectIam(iamUrl), iamUrl, apiKey, hostSettings.Profile.Value);
    }

    private CrTokenExchange CrTokenExchange(HostSettings hostSettings, Secret crToken, TrustedProfile profile)
    {
        var iamUrl = hostSettings.IamUrl.Value;
        return new(() => connectIam(iamUrl), iamUrl, crToken, profile);
    }
}
