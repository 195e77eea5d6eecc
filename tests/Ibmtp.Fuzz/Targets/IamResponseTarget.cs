using Ibmtp.Iam;
using Ibmtp.Secrets;
using Ibmtp.Tokens;
using Serilog.Core;

namespace Ibmtp.Fuzz.Targets;

/// <summary>The input as IAM's answer to the API-key grant: a plausible token, or a HelperException saying what went wrong.</summary>
public sealed class IamResponseTarget : IFuzzTarget
{
    private static readonly Uri IamUrl = new("https://iam.fuzz.example/");
    private static readonly Secret ApiKey = new("fuzz-api-key-0123456789");

    public void Check(byte[] input)
    {
        using var iam = new IamClient(HttpAnswer.From(input).Client(IamUrl), new RetryingSender(TimeProvider.System, Logger.None), TimeProvider.System);
        using var deadline = new Deadline(TimeSpan.FromSeconds(10), TimeProvider.System);
        IamToken token;
        try
        {
            token = iam.ApiKeyTokenAsync(ApiKey, deadline).GetAwaiter().GetResult();
        }
        catch (HelperException)
        {
            return;
        }
        IssuedToken.RequirePlausible(token, "the IAM client");
    }

    public void Dispose()
    {
    }
}
