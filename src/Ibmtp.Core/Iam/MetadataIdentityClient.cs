using System.Text.Json;
using Ibmtp.CloudIdentity;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;
using RestSharp;

namespace Ibmtp.Iam;

/// <summary>
/// A metadata service's identity calls (VPC's, in the version asked for, or PowerVS's): trades the
/// machine's identity for an IAM token of a trusted profile, so the machine needs no secret at all.
/// </summary>
public sealed class MetadataIdentityClient(RestClient client, MetadataIdentityApi api, RetryingSender sender, TimeProvider time) : IDisposable
{
    private const int InstanceTokenSeconds = 300;

    private Uri? MetadataUrl => client.Options.BaseUrl;

    public async Task<IamToken> TrustedProfileTokenAsync(TrustedProfile? profile, Deadline deadline)
    {
        var instanceToken = await InstanceIdentityTokenAsync(deadline).ConfigureAwait(false);
        var body = JsonSerializer.SerializeToUtf8Bytes(new VpcIamTokenRequest { TrustedProfile = VpcProfile(profile) }, IamJsonContext.Default.VpcIamTokenRequest);
        var response = await SendAsync(Method.Post, api.IamTokenPath, request =>
        {
            request.AddHeader("Authorization", $"Bearer {instanceToken.Value}");
            // No profile in the body means the instance's default trusted profile.
            if (profile is not null)
                AddJsonBody(request, body);
        }, deadline).ConfigureAwait(false);

        var token = HttpClients.ReadJson(response, IamJsonContext.Default.IamTokenResponse)
            ?? throw new IamUnavailableException($"{api.ServiceName} at {MetadataUrl} answered with {HttpClients.NotATokenResponse}");
        return token.ToToken($"{api.ServiceName} at {MetadataUrl} answered", time.GetUtcNow());
    }

    private async Task<Secret> InstanceIdentityTokenAsync(Deadline deadline)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new InstanceTokenRequest { ExpiresIn = InstanceTokenSeconds }, IamJsonContext.Default.InstanceTokenRequest);
        var response = await SendAsync(Method.Put, api.TokenPath, request => AddJsonBody(request, body), deadline)
            .ConfigureAwait(false);
        return HttpClients.ReadJson(response, IamJsonContext.Default.IamTokenResponse)?.AccessToken switch
        {
            { Length: > 0 } token when IsHeaderText(token) => new Secret(token),
            { Length: > 0 } => throw new IamUnavailableException(
                $"{api.ServiceName} at {MetadataUrl} answered with an instance identity token that holds spaces, control or non-ASCII characters, so it cannot be sent back in a header"),
            _ => throw new IamUnavailableException($"{api.ServiceName} at {MetadataUrl} answered without an instance identity token"),
        };
    }

    /// <summary>As bytes, so the Content-Type is <c>application/json</c> as the SDKs send it, without the charset a string body adds.</summary>
    private static void AddJsonBody(RestRequest request, byte[] body) => request.AddParameter(new BodyParameter(body, ContentType.Json, DataFormat.Binary));

    /// <summary>The token goes back in the Authorization header, where a line break would end the header (and RestSharp throws).</summary>
    private static bool IsHeaderText(string token) => token.All(character => character is > ' ' and < '\u007f');

    private async Task<RestResponse> SendAsync(Method method, string path, Action<RestRequest> complete, Deadline deadline)
    {
        var response = await sender.SendAsync(client, () =>
        {
            var request = new RestRequest(path, method);
            if (api.Version is { } version)
                request.AddQueryParameter("version", version);
            request.AddHeader("Metadata-Flavor", "ibm");
            request.AddHeader("Accept", "application/json");
            complete(request);
            return request;
        }, $"{api.ServiceName} at {MetadataUrl}", deadline).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return response;

        var trace = HttpClients.IdOrNone(HttpClients.ReadJson(response, IamJsonContext.Default.VpcErrorResponse)?.Trace);
        throw new IamRejectedException(
            $"{api.ServiceName} rejected {method.ToString().ToUpperInvariant()} /{path} (HTTP {(int)response.StatusCode}): " +
            $"{HttpClients.Said(response)} (trace {trace}); " +
            Hint(path, (int)response.StatusCode));
    }

    /// <summary>A refused first call with 400 or 404 is a path or version this service does not offer; anything later is about the machine and its profile.</summary>
    private string Hint(string path, int status) =>
        path == api.TokenPath && status is 400 or 404
            ? api.PathHint
            : "check that the metadata service is enabled for this instance and that the trusted profile trusts it";

    private static VpcTrustedProfile? VpcProfile(TrustedProfile? profile) => profile is null ? null : profile.Kind switch
    {
        TrustedProfileKind.Id => new VpcTrustedProfile { Id = profile.Value },
        TrustedProfileKind.Crn => new VpcTrustedProfile { Crn = profile.Value },
        // The machine's own account holds the profiles it may use, so a name needs no account.
        TrustedProfileKind.Name => new VpcTrustedProfile { Name = profile.Value },
    };

    public void Dispose() => client.Dispose();
}
