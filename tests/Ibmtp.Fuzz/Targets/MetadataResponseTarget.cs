using Ibmtp.CloudIdentity;
using Ibmtp.Iam;
using Ibmtp.Logging;

namespace Ibmtp.Fuzz.Targets;

/// <summary>
/// The input as the VPC metadata service's answer, to both the instance-token and the IAM-token
/// request: a plausible token, or a HelperException saying what went wrong.
/// </summary>
public sealed class MetadataResponseTarget : IFuzzTarget
{
    private static readonly Uri MetadataUrl = new("http://169.254.169.254/");
    private static readonly TrustedProfile Profile = new(TrustedProfileKind.Id, "Profile-fuzz-0123");

    public void Check(byte[] input)
    {
        using var metadata = new MetadataIdentityClient(HttpAnswer.From(input).Client(MetadataUrl), MetadataIdentityApi.Vpc(MetadataIdentityApi.IdentityPathsVersion), new RetryingSender(TimeProvider.System, HelperLog.Silent()), TimeProvider.System);
        IssuedToken.RequirePlausibleOrRefused(deadline => metadata.TrustedProfileTokenAsync(Profile, deadline), "the metadata client");
    }

    public void Dispose()
    {
    }
}
