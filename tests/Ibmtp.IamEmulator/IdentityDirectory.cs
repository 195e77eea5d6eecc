using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Ibmtp.Emulators;

/// <summary>The API keys, compute-resource tokens and trusted profiles (with their trust conditions) a test has registered.</summary>
internal sealed class IdentityDirectory
{
    private readonly ConcurrentDictionary<string, string> serviceIdsByApiKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> subjectsByComputeResourceToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrustedProfile> profilesById = new(StringComparer.Ordinal);
    private volatile string? vpcDefaultProfileId;

    public string? VpcDefaultProfileId
    {
        get => vpcDefaultProfileId;
        set => vpcDefaultProfileId = value;
    }

    public void AddServiceIdApiKey(string apiKey, string serviceIdName) => serviceIdsByApiKey[apiKey] = serviceIdName;

    public void AddComputeResourceToken(string token, string subject) => subjectsByComputeResourceToken[token] = subject;

    public void AddTrustedProfile(TrustedProfile profile) => profilesById[profile.Id] = profile;

    /// <summary>Adds a compute-resource trust condition to a registered profile; false if there is no such profile.</summary>
    public bool TrustServiceAccount(string profileId, KubernetesServiceAccount account)
    {
        while (profilesById.TryGetValue(profileId, out var profile))
        {
            if (profilesById.TryUpdate(profileId, profile.AlsoTrusting(account), profile))
            {
                return true;
            }
        }

        return false;
    }

    public bool TryFindServiceId(string apiKey, [NotNullWhen(true)] out string? serviceIdName) =>
        serviceIdsByApiKey.TryGetValue(apiKey, out serviceIdName);

    public bool TryFindComputeResourceSubject(string token, [NotNullWhen(true)] out string? subject) =>
        subjectsByComputeResourceToken.TryGetValue(token, out subject);

    public TrustedProfile? FindProfile(ProfileReference reference) =>
        profilesById.Values.FirstOrDefault(reference.Matches);

    /// <summary>Every profile <paramref name="reference"/> matches: more than one only for a name given without its account.</summary>
    public IReadOnlyList<TrustedProfile> FindProfiles(ProfileReference reference) =>
        profilesById.Values.Where(reference.Matches).ToList();
}
