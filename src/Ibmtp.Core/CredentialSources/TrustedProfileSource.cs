using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Protocol;

namespace Ibmtp.CredentialSources;

/// <summary>
/// Credentials the machine itself holds, in the host's mode: the API key passed through (apikey),
/// or a trusted profile's short-lived IAM token traded for an API key (token), a compute-resource
/// token (cr-token) or the VPC instance identity (vpc). Nothing is read or sent that the mode does
/// not need; in particular the VPC metadata address is never probed unless vpc mode is chosen.
/// </summary>
public sealed class TrustedProfileSource(
    HelperSettings settings,
    EnvironmentSecrets secrets,
    TokenService tokens,
    Func<Uri, IamClient> connectIam,
    Func<Uri, VpcMetadataClient> connectMetadata) : ICredentialSource
{
    public const string PlainApiKeyUsername = "iamapikey";
    public const string BearerUsername = "iambearer";

    public FoundCredentials? Find(RegistryHost host, string serverUrl)
    {
        var configuration = settings.For(host);
        switch (configuration.Mode)
        {
            case CredentialMode.Auto:
                if (secrets.ApiKey() is { } apiKey)
                    return PassThrough(serverUrl, apiKey, configuration);
                return configuration.Profile is { } profile && secrets.ComputeResourceToken() is { } crToken
                    ? Bearer(serverUrl, CrTokenExchange(configuration, crToken, profile))
                    : null;
            case CredentialMode.ApiKey:
                return secrets.ApiKey() is { } key ? PassThrough(serverUrl, key, configuration) : null;
            case CredentialMode.Token:
                return secrets.ApiKey() is { } exchangedKey ? Bearer(serverUrl, ApiKeyExchange(configuration, exchangedKey)) : null;
            case CredentialMode.CrToken:
                var crProfile = configuration.Profile
                    ?? throw new HelperException($"cr-token mode needs a trusted profile: set {EnvironmentVariables.ProfileId}, {EnvironmentVariables.ProfileCrn} or {EnvironmentVariables.ProfileName}");
                return secrets.ComputeResourceToken() is { } token ? Bearer(serverUrl, CrTokenExchange(configuration, token, crProfile)) : null;
            default:
                return Bearer(serverUrl, new VpcExchange(() => connectMetadata(MetadataUrl()), settings.VpcMetadataUrl, configuration.Profile));
        }
    }

    private static FoundCredentials PassThrough(string serverUrl, string apiKey, HostConfiguration configuration) =>
        new(new Credentials(serverUrl, configuration.Profile?.Id ?? PlainApiKeyUsername, apiKey), "environment (apikey)");

    private FoundCredentials Bearer(string serverUrl, ITokenExchange exchange) =>
        new(new Credentials(serverUrl, BearerUsername, tokens.Get(exchange).AccessToken), $"IAM ({exchange.Mode})");

    private ApiKeyExchange ApiKeyExchange(HostConfiguration configuration, string apiKey) =>
        new(() => connectIam(IamUrl(configuration)), configuration.IamUrl, apiKey, configuration.Profile);

    private CrTokenExchange CrTokenExchange(HostConfiguration configuration, string crToken, TrustedProfile profile) =>
        new(() => connectIam(IamUrl(configuration)), configuration.IamUrl, crToken, profile);

    // Checked when connecting, not before: a token served from the cache needs no URL parsing, and an
    // endpoint that fails the check never had a token cached under its name.
    private static Uri IamUrl(HostConfiguration configuration) =>
        EndpointPolicy.RequireSecure(configuration.IamUrl, EnvironmentVariables.IamUrl);

    private Uri MetadataUrl() =>
        Uri.TryCreate(settings.VpcMetadataUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new HelperException($"{EnvironmentVariables.VpcMetadataUrl} is '{settings.VpcMetadataUrl}', which is not an http(s) URL");
}
