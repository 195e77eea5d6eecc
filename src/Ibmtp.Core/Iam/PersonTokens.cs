using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Iam;

/// <summary>What IAM answers a person's passcode or refresh grant: the person's access token, the refresh token that renews it, and the session both belong to.</summary>
/// <param name="RefreshToken">The one to use next time: IAM may hand out a new one on every refresh, and the old one may stop working.</param>
/// <param name="SessionId">IAM's session, or null when the answer named none.</param>
public sealed record PersonTokens(IamToken Access, Secret RefreshToken, string? SessionId);
