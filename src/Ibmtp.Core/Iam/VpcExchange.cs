using Ibmtp.CloudIdentity;
using Ibmtp.Platform;
using Ibmtp.Tokens;

namespace Ibmtp.Iam;

/// <summary>The VPC instance's identity -> the trusted profile's token (or the instance's default profile's).</summary>
public sealed class VpcExchange(Func<VpcMetadataClient> connect, Uri metadataUrl, TrustedProfile? profile) : ITokenExchange
{
    public CredentialMode Mode => CredentialMode.Vpc;

    public IEnumerable<string> Identity => [CredentialModes.All.Spelling(Mode), profile?.ToString() ?? "default profile", metadataUrl.AbsoluteUri.TrimEnd('/')];

    public async Task<IamToken> FetchAsync(Deadline deadline)
    {
        VpcMetadataClient.RequireIdOrCrn(profile);
        using var metadata = connect();
        return await metadata.TrustedProfileTokenAsync(profile, deadline).ConfigureAwait(false);
    }
}
