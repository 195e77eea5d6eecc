using Ibmtp.Iam;
using Ibmtp.Logging;
using Ibmtp.Secrets;

namespace Ibmtp.Fuzz.Targets;

/// <summary>The input as IAM's answer to the API-key grant: a plausible token, or a HelperException saying what went wrong.</summary>
public sealed class IamResponseTarget : IFuzzTarget
{
    private static readonly Uri IamUrl = new("https://iam.fuzz.example/");
    private static readonly Secret ApiKey = new("fuzz-api-key-0123456789");

    public void Check(byte[] input)
    {
        using var iam = new IamClient(HttpAnswer.From(input).Client(IamUrl), new RetryingSender(TimeProvider.System, HelperLog.Silent()), TimeProvider.System);
        IssuedToken.RequirePlausibleOrRefused(deadline => iam.ApiKeyTokenAsync(ApiKey, deadline), "the IAM client");
    }

    public void Dispose()
    {
    }
}
