using Ibmtp.Emulators;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// What an <see cref="IamEmulator"/> has been asked since its last reset, as one value: tests compare it
/// whole, so an unexpected extra call of any kind fails them, and its ToString is the assertion message.
/// </summary>
public sealed record IamCalls(
    int ApiKey = 0,
    int Assume = 0,
    int CrToken = 0,
    int TokenRequests = 0,
    int InstanceIdentity = 0,
    int InstanceIam = 0)
{
    public static readonly IamCalls None = new();

    public static IamCalls Of(IamEmulator iam) => new(
        iam.RequestCount(GrantTypes.ApiKey),
        iam.RequestCount(GrantTypes.Assume),
        iam.RequestCount(GrantTypes.ComputeResourceToken),
        iam.TotalTokenRequests,
        iam.InstanceIdentityTokenRequests,
        iam.InstanceIamTokenRequests);

    /// <summary>The apikey and assume grants of one token-mode exchange with a profile.</summary>
    public static IamCalls TokenExchanges(int count) => new(ApiKey: count, Assume: count, TokenRequests: 2 * count);

    /// <summary>The cr-token grants of <paramref name="count"/> cr-token exchanges.</summary>
    public static IamCalls CrTokenExchanges(int count) => new(CrToken: count, TokenRequests: count);

    /// <summary>The two metadata calls of <paramref name="count"/> vpc exchanges; IAM itself is not called.</summary>
    public static IamCalls VpcExchanges(int count) => new(InstanceIdentity: count, InstanceIam: count);
}
