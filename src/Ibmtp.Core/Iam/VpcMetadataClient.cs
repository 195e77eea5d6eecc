using System.Text.Json;
using Ibmtp.CloudIdentity;
using Ibmtp.Configuration;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;
using RestSharp;

namespace Ibmtp.Iam;

/// <summary>
/// The VPC instance metadata service: trades the instance's identity for an IAM token of a trusted
/// profile, so a virtual server needs no secret at all.
/// </summary>
public sealed class VpcMetadataClient(RestClient client, RetryingSender sender, TimeProvider time) : IDisposable
{
    private const string ApiVersion = "2022-03-01";
    private const int InstanceTokenSeconds = 300;

    private Uri? MetadataUrl => client.Options.BaseUrl;

    public async Task<IamToken> TrustedProfileTokenAsync(TrustedProfile? profile, Deadline deadline)
    {
        var instanceToken = await InstanceIdentityTokenAsync(deadline).ConfigureAwait(false);
        var body = JsonSerializer.Serialize(new VpcIamTokenRequest { TrustedProfile = VpcProfile(profile) }, IamJsonContext.Default.VpcIamTokenRequest);
        var response = await SendAsync(Method.Post, "instance_identity/v1/iam_token", request =>
        {
            request.AddHeader("Authorization", $"Bearer {instanceToken.Value}");
            // No profile in the body means the instance's default trusted profile.
            if (profile is not null)
                request.AddStringBody(body, ContentType.Json);
        }, deadline).ConfigureAwait(false);

        var token = HttpClients.ReadJson(response, IamJsonContext.Default.IamTokenResponse)
            ?? throw new IamUnavailableException($"the VPC metadata service at {MetadataUrl} answered with {HttpClients.NotATokenResponse}");
        return token.ToToken($"the VPC metadata service at {MetadataUrl} answered", time.GetUtcNow());
    }

    private async Task<Secret> InstanceIdentityTokenAsync(Deadline deadline)
    {
        var body = JsonSerializer.Serialize(new InstanceTokenRequest { ExpiresIn = InstanceTokenSeconds }, IamJsonContext.Default.InstanceTokenRequest);
        var response = await SendAsync(Method.Put, "instance_identity/v1/token", request => request.AddStringBody(body, ContentType.Json), deadline)
            .ConfigureAwait(false);
        return HttpClients.ReadJson(response, IamJsonContext.Default.IamTokenResponse)?.AccessToken switch
        {
            { Length: > 0 } token when IsHeaderText(token) => new Secret(token),
            { Length: > 0 } => throw new IamUnavailableException(
                $"the VPC metadata service at {MetadataUrl} answered with an instance identity token that holds spaces, control or non-ASCII characters, so it cannot be sent back in a header"),
            _ => throw new IamUnavailableException($"the VPC metadata service at {MetadataUrl} answered without an instance identity token"),
        };
    }

    /// <summary>The token goes back in the Authorization header, where a line break would end the header (and RestSharp throws).</summary>
    private static bool IsHeaderText(string token) => token.All(character => character is > ' ' and < '\u007f');

    private async Task<RestResponse> SendAsync(Method method, string path, Action<RestRequest> complete, Deadline deadline)
    {
        var response = await sender.SendAsync(client, () =>
        {
            var request = new RestRequest(path, method);
            request.AddQueryParameter("version", ApiVersion);
            request.AddHeader("Metadata-Flavor", "ibm");
            request.AddHeader("Accept", "application/json");
            complete(request);
            return request;
        }, $"the VPC metadata service at {MetadataUrl}", deadline).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
            return response;

        var trace = HttpClients.ReadJson(response, IamJsonContext.Default.VpcErrorResponse)?.Trace;
        throw new IamRejectedException(
            $"the VPC metadata service rejected {method.ToString().ToUpperInvariant()} /{path} (HTTP {(int)response.StatusCode}): " +
            $"{ServerWords.Of(response) ?? HttpClients.Excerpt(response.StatusDescription)} (trace {HttpClients.Excerpt(trace ?? "none", 64)}); " +
            "check that the metadata service is enabled for this instance and that the trusted profile trusts it");
    }

    /// <summary>The metadata service takes a profile by ID or CRN only; checked before any call is made.</summary>
    public static void RequireIdOrCrn(TrustedProfile? profile)
    {
        if (profile?.Kind == TrustedProfileKind.Name)
            throw new HelperException($"vpc mode names a trusted profile by ID or CRN, not by name: set {SettingsTable.ProfileId.Variable} or {SettingsTable.ProfileCrn.Variable}");
    }

    private static VpcTrustedProfile? VpcProfile(TrustedProfile? profile)
    {
        RequireIdOrCrn(profile);
        return profile is null ? null
            : profile.Kind == TrustedProfileKind.Id ? new VpcTrustedProfile { Id = profile.Value }
            : new VpcTrustedProfile { Crn = profile.Value };
    }

    public void Dispose() => client.Dispose();
}
