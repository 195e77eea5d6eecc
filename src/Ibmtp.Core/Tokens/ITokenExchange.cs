using Ibmtp.CloudIdentity;
using Ibmtp.Platform;

namespace Ibmtp.Tokens;

/// <summary>One way of obtaining a trusted profile's IAM token.</summary>
public interface ITokenExchange
{
    /// <summary>The mode that trades through this exchange, for the log line of the call and the login's origin.</summary>
    CredentialMode Mode { get; }

    /// <summary>
    /// Everything that decides which token comes back (mode, credential, profile, endpoint). The
    /// cache is keyed by its hash, so a rotated key or another profile never gets an old token.
    /// </summary>
    IEnumerable<string> Identity { get; }

    Task<IamToken> FetchAsync(Deadline deadline);
}
