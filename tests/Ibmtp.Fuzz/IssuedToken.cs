using Ibmtp.Iam;
using Ibmtp.Tokens;

namespace Ibmtp.Fuzz;

/// <summary>What every token the helper accepts must be, whatever the server said.</summary>
public static class IssuedToken
{
    public static void RequirePlausible(IamToken token, string source)
    {
        if (string.IsNullOrEmpty(token.AccessToken.Value))
            throw new PropertyViolation($"{source} accepted an empty access token");
        if (token.AccessToken.Value.Length > IamClient.LargestToken)
            throw new PropertyViolation($"{source} accepted a token of {token.AccessToken.Value.Length} characters");
        if (token.ExpiresAt > token.IssuedAt + IamToken.LongestLifetime)
            throw new PropertyViolation($"{source} accepted a token living until {token.ExpiresAt:u}, past the longest lifetime of {IamToken.LongestLifetime}");
    }
}
