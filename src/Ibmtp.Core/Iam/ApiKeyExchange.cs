using Ibmtp.CloudIdentity;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Iam;

/// <summary>
/// API key -> the key owner's IAM token -> (with a profile) the trusted profile's token. Without a
/// profile the key's own token is the answer.
/// </summary>
public sealed class ApiKeyExchange(Func<IamClient> connect, Uri iamUrl, Secret apiKey, TrustedProfile? profile) : ITokenExchange
{
    public CredentialMode Mode => CredentialMode.Token;

    public IEnumerable<string> Identity => [CredentialModes.All.Spelling(Mode), apiKey.Value, profile?.CacheIdentity ?? "", iamUrl.AbsoluteUri.TrimEnd('/')];

    public async Task<IamToken> FetchAsync(Deadline deadline)
    {
        // A profile IAM cannot look up must fail before the API key is spent on a call.
        if (profile is not null)
            ProfileGrantFields.RequireAccountIfNamed(profile);
        using var iam = connect();
        var keyOwnerToken = await iam.ApiKeyTokenAsync(apiKey, deadline).ConfigureAwait(false);
        return profile is null
            ? keyOwnerToken
            : await iam.AssumeProfileAsync(keyOwnerToken, profile, deadline).ConfigureAwait(false);
    }
}
