using Ibmtp.CloudIdentity;
using Ibmtp.Platform;
using Ibmtp.Tokens;

namespace Ibmtp.Iam;

/// <summary>The machine's identity (a VPC virtual server or bare metal server, or a PowerVS instance) -> the trusted profile's token (or the machine's default profile's).</summary>
public sealed class MetadataExchange(CredentialMode mode, Func<MetadataIdentityClient> connect, Uri metadataUrl, TrustedProfile? profile) : ITokenExchange
{
    public CredentialMode Mode => mode;

    public IEnumerable<string> Identity => [CredentialModes.All.Spelling(Mode), profile?.CacheIdentity ?? "default profile", metadataUrl.AbsoluteUri.TrimEnd('/')];

    public async Task<IamToken> FetchAsync(Deadline deadline)
    {
        using var metadata = connect();
        return await metadata.TrustedProfileTokenAsync(profile, deadline).ConfigureAwait(false);
    }
}
