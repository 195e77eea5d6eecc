using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;
using RestSharp;

namespace Ibmtp.Iam;

/// <summary>
/// IBM Cloud IAM's token endpoint, for the three grants a trusted profile needs. The grants carry
/// no Authorization header: the credential is in the form body.
/// </summary>
public sealed class IamClient(RestClient client, RetryingSender sender, TimeProvider time) : IDisposable
{
    private const string ApiKeyGrant = "urn:ibm:params:oauth:grant-type:apikey";
    private const string AssumeGrant = "urn:ibm:params:oauth:grant-type:assume";
    private const string CrTokenGrant = "urn:ibm:params:oauth:grant-type:cr-token";

    /// <summary>IAM's tokens are a few kilobytes; one much larger is refused rather than printed and cached.</summary>
    public const int LargestToken = 64 * 1024;

    private Uri? IamUrl => client.Options.BaseUrl;

    public Task<IamToken> ApiKeyTokenAsync(Secret apiKey, Deadline deadline) =>
        RequestTokenAsync(
            ApiKeyGrant,
            [new("apikey", apiKey.Value), new("response_type", "cloud_iam")],
            $"check {SettingsTable.ApiKey.Variable} / {SettingsTable.ApiKey.FallbackVariable}: the key may be mistyped, deleted or from another account",
            deadline);

    public Task<IamToken> AssumeProfileAsync(IamToken identity, TrustedProfile profile, Deadline deadline) =>
        RequestTokenAsync(
            AssumeGrant,
            [new("access_token", identity.AccessToken.Value), .. ProfileGrantFields.ForAssume(profile)],
            $"check that the trusted profile {profile} exists and trusts the service ID that owns the API key",
            deadline);

    public Task<IamToken> CrTokenAsync(Secret crToken, TrustedProfile profile, Deadline deadline) =>
        RequestTokenAsync(
            CrTokenGrant,
            [new("cr_token", crToken.Value), .. ProfileGrantFields.ForCrToken(profile)],
            $"check that the trusted profile {profile} exists and trusts this compute resource (cluster, namespace and service account)",
            deadline);

    private async Task<IamToken> RequestTokenAsync(string grantType, KeyValuePair<string, string>[] fields, string hint, Deadline deadline)
    {
        var grantName = grantType[(grantType.LastIndexOf(':') + 1)..];
        var response = await sender.SendAsync(client, () =>
        {
            var request = new RestRequest(IamTokenOperation.Path, Method.Post);
            request.AddHeader("Accept", "application/json");
            request.AddParameter("grant_type", grantType, ParameterType.GetOrPost);
            foreach (var (name, value) in fields)
                request.AddParameter(name, value, ParameterType.GetOrPost);
            return request;
        }, $"IAM at {IamUrl}", deadline).ConfigureAwait(false);

        if (!response.IsSuccessStatusCode)
            throw Rejection(response, grantName, hint);

        var body = HttpClients.ReadJson(response, IamJsonContext.Default.IamTokenResponse)
            ?? throw new IamUnavailableException($"IAM at {IamUrl} answered the {grantName} grant with {HttpClients.NotATokenResponse}");
        return body.ToToken($"IAM at {IamUrl} answered the {grantName} grant", time.GetUtcNow());
    }

    private IamRejectedException Rejection(RestResponse response, string grantName, string hint)
    {
        var error = HttpClients.ReadJson(response, IamJsonContext.Default.IamErrorResponse);
        var requestId = HttpClients.IdOrNone(error?.Context?.RequestId, HttpClients.Header(response, "Transaction-Id"));
        var status = (int)response.StatusCode;
        return new IamRejectedException(
            $"IAM rejected the {grantName} grant (HTTP {status}): {HttpClients.Said(response)} (request id {requestId}); {(IsNoTokenEndpoint(status) ? AddressHint : hint)}");
    }

    /// <summary>IAM's token endpoint takes POST; an address that has no such path, or does not take POST there, is not IAM's.</summary>
    private static bool IsNoTokenEndpoint(int status) => status is 404 or 405;

    private string AddressHint =>
        $"check {SettingsTable.IamUrl.Variable} ({SettingsTable.IamUrl.FileKey} in the config file): {client.BuildUri(new RestRequest(IamTokenOperation.Path))} is not IAM's token endpoint";

    public void Dispose() => client.Dispose();
}
