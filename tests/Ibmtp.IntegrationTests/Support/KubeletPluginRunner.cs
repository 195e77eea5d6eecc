using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Runs a credential provider for one image pull exactly as the kubelet does. Mirrors kubernetes/kubernetes
/// pkg/credentialprovider/plugin/plugin.go: <c>pluginProvider.provide</c> (matchImages, the service account's
/// required and optional annotations, the check on an echoed service-account token, cacheKeyType and
/// cacheDuration) and <c>execPlugin.ExecPlugin</c> (the request on stdin, the kubelet's environment followed by
/// the config's env, the one-minute limit, the response decoded strictly), with the types of
/// staging/src/k8s.io/kubelet/pkg/apis/credentialprovider/v1/types.go. The kubelet's in-memory cache and its
/// merging of identical concurrent requests are left out: each call is one run, as on a cache miss.
/// </summary>
/// <param name="kubeletEnvironment">The kubelet's own environment, which every provider run inherits.</param>
public sealed class KubeletPluginRunner(string pluginDirectory, KubeletCredentialProvider provider, IReadOnlyDictionary<string, string> kubeletEnvironment)
{
    /// <summary>The kubelet's catch-all limit on one provider run, after which it kills it.</summary>
    public static readonly TimeSpan ExecTimeout = TimeSpan.FromMinutes(1);

    private const string GlobalCacheKey = "<global>";

    public KubeletCredentialProvider Provider => provider;

    public async Task<KubeletPluginOutcome> ProvideAsync(string image, KubeletServiceAccount? serviceAccount = null)
    {
        if (!provider.MatchImages.Any(glob => KubeletImageMatch.Matches(glob, image)))
        {
            return NotRun($"{image} matches none of {string.Join(", ", provider.MatchImages)}");
        }

        string? token = null;
        SortedDictionary<string, string>? annotations = null;
        if (provider.TokenAttributes is { } attributes)
        {
            if (serviceAccount is null && attributes.RequireServiceAccount)
            {
                return NotRun("the pod has no service account");
            }

            if (serviceAccount is not null)
            {
                annotations = new(StringComparer.Ordinal);
                foreach (var key in attributes.RequiredServiceAccountAnnotationKeys)
                {
                    if (!serviceAccount.Annotations.TryGetValue(key, out var value))
                    {
                        return NotRun($"required annotation {key} not found");
                    }

                    annotations[key] = value;
                }

                foreach (var key in attributes.OptionalServiceAccountAnnotationKeys)
                {
                    if (serviceAccount.Annotations.TryGetValue(key, out var value))
                    {
                        annotations[key] = value;
                    }
                }

                token = serviceAccount.Token;
            }
        }

        var clock = Stopwatch.StartNew();
        ProcessResult process;
        try
        {
            process = await ProcessRunner.RunAsync(Path.Combine(pluginDirectory, provider.Name), provider.Args, new ProcessOptions
            {
                InheritEnvironment = false,
                Environment = MergedEnvironment(),
                StandardInput = EncodeRequest(image, token, annotations),
                Timeout = ExecTimeout,
            });
        }
        catch (TimeoutException killed)
        {
            return new KubeletPluginOutcome(null, clock.Elapsed, null, $"error execing credential provider plugin {provider.Name} for image {image}: context deadline exceeded\n{killed.Message}", null, TimeSpan.Zero);
        }

        var elapsed = clock.Elapsed;
        if (!process.Succeeded)
        {
            return Dropped(process, elapsed, null, $"error execing credential provider plugin {provider.Name} for image {image}: exit status {process.ExitCode}: {process.StandardError}");
        }

        KubeletProviderResponse response;
        try
        {
            response = KubeletProviderResponse.Decode(process.StandardOutput, provider.ApiVersion);
        }
        catch (KubeletRejection rejection)
        {
            return Dropped(process, elapsed, null, rejection.Message);
        }

        if (token is { Length: > 0 } && provider.TokenAttributes!.CacheType != KubeletTokenAttributes.TokenCache
            && response.Auth.Values.Any(auth => auth.Password == token))
        {
            return Dropped(process, elapsed, response, $"Credential provider plugin returned the service account token as the password for image \"{image}\", which is not allowed when service account cache type is not set to 'Token'");
        }

        var cacheKey = response.CacheKeyType switch
        {
            "Image" => image,
            "Registry" => image.Split('/')[0],
            "Global" => GlobalCacheKey,
            _ => null,
        };
        if (cacheKey is null)
        {
            return Dropped(process, elapsed, response, $"credential provider plugin did not return a valid cacheKeyType: \"{response.CacheKeyType}\"");
        }

        // Null means the config's defaultCacheDuration; zero, not to cache at all.
        var cachedFor = response.CacheDuration ?? provider.DefaultCacheDuration;
        return new KubeletPluginOutcome(process, elapsed, response, null, cacheKey, cachedFor < TimeSpan.Zero ? TimeSpan.Zero : cachedFor);
    }

    private static KubeletPluginOutcome NotRun(string why) => new(null, TimeSpan.Zero, null, $"not run: {why}", null, TimeSpan.Zero);

    private static KubeletPluginOutcome Dropped(ProcessResult process, TimeSpan elapsed, KubeletProviderResponse? response, string why) =>
        new(process, elapsed, response, why, null, TimeSpan.Zero);

    /// <summary>
    /// <c>mergeEnvVars</c>: the kubelet's environment, then the config's env; Go's exec keeps the last value of a
    /// repeated name, so the config's wins.
    /// </summary>
    private Dictionary<string, string> MergedEnvironment()
    {
        var environment = new Dictionary<string, string>(kubeletEnvironment, StringComparer.Ordinal);
        foreach (var (name, value) in provider.Env)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The request as the kubelet's encoder writes it: TypeMeta first, empty token and annotations left out, then a newline.</summary>
    private string EncodeRequest(string image, string? token, SortedDictionary<string, string>? annotations)
    {
        var request = new JsonObject { ["kind"] = "CredentialProviderRequest", ["apiVersion"] = provider.ApiVersion, ["image"] = image };
        if (!string.IsNullOrEmpty(token))
        {
            request["serviceAccountToken"] = token;
        }

        if (annotations is { Count: > 0 })
        {
            request["serviceAccountAnnotations"] = new JsonObject(annotations.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value)));
        }

        return request.ToJsonString() + "\n";
    }
}
