using Ibmtp.CloudIdentity;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Iam;

/// <summary>
/// IAM's calls for a person's sign-in, as the IBM Cloud CLI makes them: the passcode and refresh grants
/// as its public client <c>bx</c>, the discovery of the passcode page, and the assume grant with the
/// person's token. <see cref="IamClient"/> makes them; a seam for the rules built on them.
/// </summary>
public interface IPersonIam : IDisposable
{
    /// <summary>Where the person gets a one-time passcode (IAM's <c>passcode_endpoint</c>).</summary>
    Task<Uri> PasscodeEndpointAsync(Deadline deadline);

    /// <summary>Starts a session with a one-time passcode, in <paramref name="account"/> when given.</summary>
    Task<PersonTokens> PasscodeAsync(Secret passcode, string? account, Deadline deadline);

    /// <summary>Renews the session's access token; a <see cref="SessionEndedException"/> when IAM no longer accepts the session.</summary>
    Task<PersonTokens> RefreshAsync(Secret refreshToken, Deadline deadline);

    /// <summary>The trusted profile's token, for a person's access token; a <see cref="SessionEndedException"/> when the profile does not trust the person.</summary>
    Task<IamToken> AssumeProfileAsPersonAsync(IamToken personToken, TrustedProfile profile, Deadline deadline);
}
