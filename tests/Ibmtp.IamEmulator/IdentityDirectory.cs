using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Ibmtp.Emulators;

/// <summary>The API keys, compute-resource tokens, people and trusted profiles (with their trust conditions) a test has registered.</summary>
internal sealed class IdentityDirectory
{
    private readonly ConcurrentDictionary<string, string> serviceIdsByApiKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> subjectsByComputeResourceToken = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrustedProfile> profilesById = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Person> peopleByIamId = new(StringComparer.Ordinal);
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
    public bool TrustServiceAccount(string profileId, KubernetesServiceAccount account) =>
        UpdateProfile(profileId, profile => profile.AlsoTrusting(account));

    /// <summary>Registers (or replaces, by IAM ID) a person who can sign in.</summary>
    public void AddPerson(Person person) => peopleByIamId[person.IamId] = person;

    public bool TryFindPerson(string iamId, [NotNullWhen(true)] out Person? person) => peopleByIamId.TryGetValue(iamId, out person);

    /// <summary>The person whose e-mail address (their IBMid user name) and password these are, or null.</summary>
    public Person? SignIn(string userName, string password) =>
        peopleByIamId.Values.FirstOrDefault(person =>
            string.Equals(person.Email, userName, StringComparison.OrdinalIgnoreCase) && person.Password == password);

    /// <summary>Replaces a registered profile with what <paramref name="change"/> makes of it; false if there is no such profile.</summary>
    public bool UpdateProfile(string profileId, Func<TrustedProfile, TrustedProfile> change)
    {
        while (profilesById.TryGetValue(profileId, out var profile))
        {
            if (profilesById.TryUpdate(profileId, change(profile), profile))
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
