using Ibmtp.CloudIdentity;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Iam;

/// <summary>A Kubernetes or Code Engine compute-resource token -> the trusted profile's token.</summary>
public sealed class CrTokenExchange(Func<IamClient> connect, Uri iamUrl, Secret crToken, TrustedProfile profile) : ITokenExchange
{
    public CredentialMode Mode => CredentialMode.CrToken;

    public IEnumerable<string> Identity => [CredentialModes.All.Spelling(Mode), crToken.Value, profile.CacheIdentity, iamUrl.AbsoluteUri.TrimEnd('/')];

    public async Task<IamToken> FetchAsync(Deadline deadline)
    {
        using var iam = connect();
        return await iam.CrTokenAsync(crToken, profile, deadline).ConfigureAwait(false);
    }
}
