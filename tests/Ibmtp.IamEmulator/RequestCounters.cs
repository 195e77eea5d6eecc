using System.Collections.Concurrent;
using System.Security.Authentication;

namespace Ibmtp.Emulators;

/// <summary>How many requests each endpoint has received since start or the last reset, failed ones included.</summary>
internal sealed class RequestCounters
{
    private readonly ConcurrentDictionary<string, int> tokenRequestsByGrantType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> metadataRequestsByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<SslProtocols, int> requestsByProtocol = new();
    private int tokenRequests;
    private int instanceIdentityTokenRequests;
    private int instanceIamTokenRequests;
    private int registryTokenRequests;
    private int passcodesIssued;
    private int personAssumeGrants;

    public int TokenRequests => Volatile.Read(ref tokenRequests);

    public int InstanceIdentityTokenRequests => Volatile.Read(ref instanceIdentityTokenRequests);

    public int InstanceIamTokenRequests => Volatile.Read(ref instanceIamTokenRequests);

    public int RegistryTokenRequests => Volatile.Read(ref registryTokenRequests);

    /// <summary>Passcodes the passcode page or a test has issued.</summary>
    public int PasscodesIssued => Volatile.Read(ref passcodesIssued);

    /// <summary>Assume grants that issued a profile token for a person's access or refresh token.</summary>
    public int PersonAssumeGrants => Volatile.Read(ref personAssumeGrants);

    public int TokenRequestsFor(string grantType) => tokenRequestsByGrantType.GetValueOrDefault(grantType);

    /// <summary>Requests to one metadata route, such as <c>PUT /identity/v1/token</c>, whatever their outcome.</summary>
    public int MetadataRequestsTo(string route) => metadataRequestsByRoute.GetValueOrDefault(route);

    /// <summary>Requests to any endpoint over <paramref name="protocol"/>, <see cref="SslProtocols.None"/> for plain HTTP.</summary>
    public int RequestsOver(SslProtocols protocol) => requestsByProtocol.GetValueOrDefault(protocol);

    public void CountProtocol(SslProtocols protocol) => requestsByProtocol.AddOrUpdate(protocol, 1, (_, count) => count + 1);

    public void CountMetadataRequest(string route) => metadataRequestsByRoute.AddOrUpdate(route, 1, (_, count) => count + 1);

    public void CountTokenRequest(string grantType)
    {
        Interlocked.Increment(ref tokenRequests);
        tokenRequestsByGrantType.AddOrUpdate(grantType, 1, (_, count) => count + 1);
    }

    public void CountInstanceIdentityTokenRequest() => Interlocked.Increment(ref instanceIdentityTokenRequests);

    public void CountInstanceIamTokenRequest() => Interlocked.Increment(ref instanceIamTokenRequests);

    public void CountRegistryTokenRequest() => Interlocked.Increment(ref registryTokenRequests);

    public void CountPasscodeIssued() => Interlocked.Increment(ref passcodesIssued);

    public void CountPersonAssumeGrant() => Interlocked.Increment(ref personAssumeGrants);

    public void Reset()
    {
        Interlocked.Exchange(ref tokenRequests, 0);
        Interlocked.Exchange(ref instanceIdentityTokenRequests, 0);
        Interlocked.Exchange(ref instanceIamTokenRequests, 0);
        Interlocked.Exchange(ref registryTokenRequests, 0);
        Interlocked.Exchange(ref passcodesIssued, 0);
        Interlocked.Exchange(ref personAssumeGrants, 0);
        tokenRequestsByGrantType.Clear();
        metadataRequestsByRoute.Clear();
        requestsByProtocol.Clear();
    }
}
