using Ibmtp.Configuration;
using Ibmtp.Frontends.Kubelet;

namespace Ibmtp.Diagnostics;

/// <summary>
/// The rules by which the kubelet refuses its credential provider config and does not start, as kubernetes
/// <c>pkg/credentialprovider/plugin/config.go</c> (readCredentialProviderConfig, validateCredentialProviderConfig)
/// and <c>plugin.go</c> (apiVersions) enforce them, for every provider of the config, not only this one.
/// Each refusal is one line: what is wrong, that the kubelet does not start, and what to write instead.
/// </summary>
public static class KubeletConfigRules
{
    public const string Refuses = "the kubelet refuses the config and does not start";

    /// <summary>The provider APIs the kubelet knows (plugin.go apiVersions); this provider answers the last only.</summary>
    public const string KnownProviderApiVersions = "credentialprovider.kubelet.k8s.io/v1alpha1, v1beta1 and v1";

    private const string LabelCharacters = "abcdefghijklmnopqrstuvwxyz0123456789-";
    private const string NameCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

    /// <summary>Every refusal of one provider entry.</summary>
    public static IEnumerable<string> Of(KubeletProvider provider)
    {
        if (Name(provider.Name) is { } name)
            yield return name;
        if (ApiVersion(provider.ApiVersion) is { } apiVersion)
            yield return apiVersion;
        if (provider.MatchImages.Count == 0)
            yield return $"matchImages is empty: {Refuses}; list the registries the provider serves";
        if (DefaultCacheDuration(provider.DefaultCacheDuration) is { } duration)
            yield return duration;
        foreach (var tokens in TokenAttributes(provider))
            yield return tokens;
    }

    /// <summary>Each provider name declared more than once, in one file or across a folder's files, with the files.</summary>
    /// <remarks>Loops over the array rather than LINQ, whose generic types of KubeletProvider every start would set up (bench/startup-statics.md).</remarks>
    public static IEnumerable<string> Duplicates(KubeletProvider[] providers)
    {
        for (var i = 0; i < providers.Length; i++)
        {
            var name = providers[i].Name ?? "";
            var files = new List<string> { providers[i].File };
            var count = 1;
            var seenBefore = false;
            for (var j = 0; j < providers.Length; j++)
            {
                if (j == i || (providers[j].Name ?? "") != name)
                    continue;
                if (j < i)
                {
                    seenBefore = true;
                    break;
                }
                count++;
                if (!files.Contains(providers[j].File))
                    files.Add(providers[j].File);
            }
            if (!seenBefore && count > 1)
                yield return $"provider name '{name}' is declared {count} times (in {string.Join(" and ", files)}): {Refuses}; keep one entry of that name";
        }
    }

    /// <summary>The kubelet runs <c>&lt;bin dir&gt;/&lt;name&gt;</c>, so a name must be one file name.</summary>
    public static string? Name(string? name)
    {
        var fix = $"set name to the provider's file name in the bin dir ({HelperInfo.Name})";
        return name switch
        {
            null or "" => $"a provider has no name: {Refuses}; {fix}",
            "." or ".." => $"name '{name}' is a folder, not a file: {Refuses}; {fix}",
            _ when name.Contains('/', StringComparison.Ordinal) => $"name '{name}' holds a /: {Refuses}; {fix}",
            _ when name.Contains(' ', StringComparison.Ordinal) => $"name '{name}' holds a space: {Refuses}; {fix}",
            _ => null,
        };
    }

    public static string? ApiVersion(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
            return $"apiVersion is missing: {Refuses}; set apiVersion: {KubeletApi.ApiVersion}";
        return apiVersion is "credentialprovider.kubelet.k8s.io/v1alpha1" or "credentialprovider.kubelet.k8s.io/v1beta1" or KubeletApi.ApiVersion
            ? null
            : $"apiVersion '{apiVersion}' is none the kubelet knows ({KnownProviderApiVersions}): {Refuses}; set apiVersion: {KubeletApi.ApiVersion}";
    }

    public static string? DefaultCacheDuration(string? text)
    {
        if (text is null)
            return $"defaultCacheDuration is missing: {Refuses}; set defaultCacheDuration: \"5m\"";
        return GoDuration.TryParse(text, out var duration) && duration >= TimeSpan.Zero
            ? null
            : $"defaultCacheDuration '{text}' is not a duration of 0 or more (Go's syntax, e.g. \"5m\"): {Refuses}";
    }

    public static IEnumerable<string> TokenAttributes(KubeletProvider provider)
    {
        if (provider.TokenAttributes is not { } tokens)
            yield break;
        if (provider.ApiVersion != KubeletApi.ApiVersion)
            yield return $"tokenAttributes need apiVersion {KubeletApi.ApiVersion}: {Refuses}; set apiVersion: {KubeletApi.ApiVersion}";
        if (string.IsNullOrEmpty(tokens.ServiceAccountTokenAudience))
            yield return $"serviceAccountTokenAudience is missing: {Refuses}; set serviceAccountTokenAudience to the audience the provider's tokens are for (iam for {HelperInfo.Name})";
        if (tokens.RequireServiceAccount is not ("true" or "false"))
            yield return $"requireServiceAccount is '{tokens.RequireServiceAccount}': {Refuses}; set true or false";
        else if (tokens.RequireServiceAccount == "false" && tokens.RequiredServiceAccountAnnotationKeys.Count > 0)
            yield return $"requiredServiceAccountAnnotationKeys with requireServiceAccount false: {Refuses}; list the keys under optionalServiceAccountAnnotationKeys";
        foreach (var problem in AnnotationKeys("requiredServiceAccountAnnotationKeys", tokens.RequiredServiceAccountAnnotationKeys))
            yield return problem;
        foreach (var problem in AnnotationKeys("optionalServiceAccountAnnotationKeys", tokens.OptionalServiceAccountAnnotationKeys))
            yield return problem;
        foreach (var key in tokens.RequiredServiceAccountAnnotationKeys)
        {
            if (tokens.OptionalServiceAccountAnnotationKeys.Contains(key, StringComparer.Ordinal))
                yield return $"{key} is both a required and an optional annotation key: {Refuses}; list it once";
        }
        if (tokens.CacheType is not ("ServiceAccount" or "Token"))
            yield return $"cacheType is '{tokens.CacheType}': {Refuses}; set cacheType: ServiceAccount or Token";
    }

    private static IEnumerable<string> AnnotationKeys(string field, IReadOnlyList<string> keys)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!IsQualifiedName(key.ToLowerInvariant()))
                yield return $"{field} holds '{key}', no annotation key ([prefix/]name, name of 63 letters, digits, -, _ or . at most): {Refuses}; fix or remove it";
            if (!seen.Add(key))
                yield return $"{field} lists {key} twice: {Refuses}; list it once";
        }
    }

    /// <summary>Kubernetes' IsQualifiedName: an optional DNS subdomain prefix and /, then a name of 1 to 63 characters.</summary>
    private static bool IsQualifiedName(string key)
    {
        var parts = key.Split('/');
        return parts switch
        {
            [var name] => IsNamePart(name),
            [var prefix, var name] => IsDnsSubdomain(prefix) && IsNamePart(name),
            _ => false,
        };
    }

    private static bool IsNamePart(string name) =>
        name.Length is > 0 and <= 63 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && !name.AsSpan().ContainsAnyExcept(NameCharacters);

    private static bool IsDnsSubdomain(string prefix)
    {
        if (prefix.Length is 0 or > 253)
            return false;
        foreach (var label in prefix.Split('.'))
        {
            if (label.Length == 0 || label[0] == '-' || label[^1] == '-' || label.AsSpan().ContainsAnyExcept(LabelCharacters))
                return false;
        }
        return true;
    }

}
