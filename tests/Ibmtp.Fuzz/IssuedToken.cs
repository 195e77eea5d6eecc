using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Tokens;

namespace Ibmtp.Fuzz;

/// <summary>What every token the helper accepts must be, whatever the server or the file said.</summary>
public static class IssuedToken
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs a token request against a fuzzed answer: it ends in a plausible token, or in a HelperException saying what went wrong.</summary>
    public static void RequirePlausibleOrRefused(Func<Deadline, Task<IamToken>> request, string source)
    {
        using var deadline = new Deadline(Timeout, TimeProvider.System);
        IamToken token;
        try
        {
            token = request(deadline).GetAwaiter().GetResult();
        }
        catch (HelperException)
        {
            return;
        }
        RequirePlausible(token, source);
    }

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
