using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;
using RestSharp;

namespace Ibmtp.Iam;

/// <summary>
/// IBM Cloud IAM's token endpoint, for the three grants a trusted profile needs, and for a person's
/// sign-in (<see cref="IPersonIam"/>). A trusted profile's grants carry no Authorization header: the
/// credential is in the form body. A person's passcode and refresh grants are made as the IBM Cloud
/// CLI's public client <c>bx</c>, whose sessions they are.
/// </summary>
public sealed class IamClient(RestClient client, RetryingSender sender, TimeProvider time) : IPersonIam
{
    private const string ApiKeyGrant = "urn:ibm:params:oauth:grant-type:apikey";
    private const string AssumeGrant = "urn:ibm:params:oauth:grant-type:assume";
    private const string CrTokenGrant = "urn:ibm:params:oauth:grant-type:cr-token";
    private const string PasscodeGrant = "urn:ibm:params:oauth:grant-type:passcode";
    private const string RefreshGrant = "refresh_token";

    /// <summary><c>Basic</c> of <c>bx:bx</c>, the IBM Cloud CLI's public client: not a secret, the same in every copy of the CLI.</summary>
    private const string PublicClient = "Basic Yng6Yng=";

    private const string OpenIdConfigurationPath = "identity/.well-known/openid-configuration";

    private static readonly string LoginAgain = $"run {HelperInfo.Name} login";

    /// <summary>IAM's codes for a session it no longer accepts (IBM-Cloud/ibm-cloud-cli-sdk), with why, as a person understands it.</summary>
    private static readonly Dictionary<string, string> SessionEnds = new(StringComparer.Ordinal)
    {
        ["BXNIM0407E"] = "IAM no longer accepts the session's refresh token",
        ["BXNIM0408E"] = "the session's refresh token expired",
        ["BXNIM0439E"] = "the session is no longer active (ended for inactivity, or by its account's session limits)",
    };

    /// <summary>IAM refuses a token the profile does not trust (the fixture issue-iam-error-BXNIM0398E.json).</summary>
    private const string TrustRefused = "BXNIM0398E";

    /// <summary>IAM's tokens are a few kilobytes; one much larger is refused rather than printed and cached.</summary>
    public const int LargestToken = 64 * 1024;

    private Uri? IamUrl => client.Options.BaseUrl;

    public async Task<IamToken> ApiKeyTokenAsync(Secret apiKey, Deadline deadline) =>
        (await RequestTokenAsync(
            ApiKeyGrant,
            [new("apikey", apiKey.Value), new("response_type", "cloud_iam")],
            $"check {SettingsTable.ApiKey.Variable} / {SettingsTable.ApiKey.FallbackVariable}: the key may be mistyped, deleted or from another account",
            deadline).ConfigureAwait(false)).Token;

    public Task<IamToken> AssumeProfileAsync(IamToken identity, TrustedProfile profile, Deadline deadline) =>
        AssumeAsync(identity, profile, "the service ID that owns the API key", null, deadline);

    /// <summary>The same assume grant, with a person's token: a profile that does not trust the person ends the session.</summary>
    public Task<IamToken> AssumeProfileAsPersonAsync(IamToken personToken, TrustedProfile profile, Deadline deadline) =>
        AssumeAsync(personToken, profile, "you", new(StringComparer.Ordinal) { [TrustRefused] = $"the trusted profile {profile} does not trust you (any more)" }, deadline);

    private async Task<IamToken> AssumeAsync(IamToken identity, TrustedProfile profile, string trusted, Dictionary<string, string>? sessionEnds, Deadline deadline) =>
        (await RequestTokenAsync(
            AssumeGrant,
            [new("access_token", identity.AccessToken.Value), .. ProfileGrantFields.ForAssume(profile)],
            $"check that the trusted profile {profile} exists and trusts {trusted}",
            deadline,
            sessionEnds: sessionEnds).ConfigureAwait(false)).Token;

    public async Task<PersonTokens> PasscodeAsync(Secret passcode, string? account, Deadline deadline) =>
        PersonTokensOf(await RequestTokenAsync(
            PasscodeGrant,
            [new("passcode", passcode.Value), new("response_type", "cloud_iam"), .. account is null ? [] : new KeyValuePair<string, string>[] { new("account", account) }],
            "a passcode works once: get a new one and try again",
            deadline,
            PublicClient).ConfigureAwait(false), "passcode");

    public async Task<PersonTokens> RefreshAsync(Secret refreshToken, Deadline deadline) =>
        PersonTokensOf(await RequestTokenAsync(
            RefreshGrant,
            [new("refresh_token", refreshToken.Value), new("response_type", "cloud_iam")],
            LoginAgain,
            deadline,
            PublicClient,
            SessionEnds).ConfigureAwait(false), "refresh_token");

    public async Task<Uri> PasscodeEndpointAsync(Deadline deadline)
    {
        var response = await sender.SendAsync(client, () =>
        {
            var request = new RestRequest(OpenIdConfigurationPath);
            request.AddHeader("Accept", "application/json");
            return request;
        }, $"IAM at {IamUrl}", deadline).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new IamRejectedException(
                $"IAM answered its OpenID configuration with HTTP {(int)response.StatusCode}: {HttpClients.Said(response)}; check {SettingsTable.IamUrl.Variable} ({SettingsTable.IamUrl.FileKey} in the config file)");
        }
        var endpoint = HttpClients.ReadJson(response, IamJsonContext.Default.OpenIdConfiguration)?.PasscodeEndpoint;
        // The person signs in on that page, so it is held to the rule for credentials: https, or plain http on loopback.
        return endpoint is not null && EndpointPolicy.Check(endpoint, out var url) is null
            ? url
            : throw new IamUnavailableException($"IAM at {IamUrl} answered its OpenID configuration without an https passcode_endpoint");
    }

    /// <summary>A person's grant answers with the refresh token to use next; one without is no session.</summary>
    private PersonTokens PersonTokensOf((IamTokenResponse Body, IamToken Token) answer, string grantName)
    {
        var refreshToken = answer.Body.RefreshToken;
        if (string.IsNullOrEmpty(refreshToken) || refreshToken == "not_supported" || refreshToken.Length > LargestToken)
            throw new IamUnavailableException($"IAM at {IamUrl} answered the {grantName} grant without a refresh token");
        return new PersonTokens(answer.Token, new Secret(refreshToken), string.IsNullOrEmpty(answer.Body.SessionId) ? null : SafeLine.Of(answer.Body.SessionId, 200));
    }

    public async Task<IamToken> CrTokenAsync(Secret crToken, TrustedProfile profile, Deadline deadline) =>
        (await RequestTokenAsync(
            CrTokenGrant,
            [new("cr_token", crToken.Value), .. ProfileGrantFields.ForCrToken(profile)],
            $"check that the trusted profile {profile} exists and trusts this compute resource (cluster, namespace and service account)",
            deadline).ConfigureAwait(false)).Token;

    /// <param name="clientAuthorization">The client the grant is made as, for a person's grants; none for a trusted profile's.</param>
    /// <param name="sessionEnds">IAM's codes that mean a person's session has ended, and why.</param>
    private async Task<(IamTokenResponse Body, IamToken Token)> RequestTokenAsync(
        string grantType, KeyValuePair<string, string>[] fields, string hint, Deadline deadline, string? clientAuthorization = null, Dictionary<string, string>? sessionEnds = null)
    {
        var grantName = grantType[(grantType.LastIndexOf(':') + 1)..];
        var response = await sender.SendAsync(client, () =>
        {
            var request = new RestRequest(IamTokenOperation.Path, Method.Post);
            request.AddHeader("Accept", "application/json");
            if (clientAuthorization is not null)
                request.AddHeader("Authorization", clientAuthorization);
            request.AddParameter("grant_type", grantType, ParameterType.GetOrPost);
            foreach (var (name, value) in fields)
                request.AddParameter(name, value, ParameterType.GetOrPost);
            return request;
        }, $"IAM at {IamUrl}", deadline).ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
            throw Rejection(response, grantName, hint, sessionEnds);

        var body = HttpClients.ReadJson(response, IamJsonContext.Default.IamTokenResponse)
            ?? throw new IamUnavailableException($"IAM at {IamUrl} answered the {grantName} grant with {HttpClients.NotATokenResponse}");
        return (body, body.ToToken($"IAM at {IamUrl} answered the {grantName} grant", time.GetUtcNow()));
    }

    private IamRejectedException Rejection(RestResponse response, string grantName, string hint, Dictionary<string, string>? sessionEnds)
    {
        var error = HttpClients.ReadJson(response, IamJsonContext.Default.IamErrorResponse);
        var requestId = HttpClients.IdOrNone(error?.Context?.RequestId, HttpClients.Header(response, "Transaction-Id"));
        var status = (int)response.StatusCode;
        var message = $"IAM rejected the {grantName} grant (HTTP {status}): {HttpClients.Said(response)} (request id {requestId}); {(IsNoTokenEndpoint(status) ? AddressHint : hint)}";
        // A server in trouble (429, 5xx) never gets here: RetryingSender reports it as IAM unavailable, which ends no session.
        return error?.ErrorCode is { } code && sessionEnds?.GetValueOrDefault(code) is { } reason
            ? new SessionEndedException(message, reason)
            : new IamRejectedException(message);
    }

    /// <summary>IAM's token endpoint takes POST; an address that has no such path, or does not take POST there, is not IAM's.</summary>
    private static bool IsNoTokenEndpoint(int status) => status is 404 or 405;

    private string AddressHint =>
        $"check {SettingsTable.IamUrl.Variable} ({SettingsTable.IamUrl.FileKey} in the config file): {client.BuildUri(new RestRequest(IamTokenOperation.Path))} is not IAM's token endpoint";

    public void Dispose() => client.Dispose();
}
