using Ibmtp.Logging;
using Ibmtp.Platform;

namespace Ibmtp.CredentialSources;

/// <summary>
/// The secrets a machine can offer through its environment: an API key, or a compute-resource token
/// that Kubernetes or Code Engine projects into a file. Each is read only when asked for.
/// </summary>
public sealed class EnvironmentSecrets(IEnvironment environment, SecretRedactor redactor, IReadOnlyList<string> computeResourceTokenFiles)
{
    /// <summary>Where IBM's SDKs look for a compute-resource token, in their order.</summary>
    public static readonly IReadOnlyList<string> DefaultComputeResourceTokenFiles =
    [
        "/var/run/secrets/tokens/vault-token",
        "/var/run/secrets/tokens/sa-token",
        "/var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token",
    ];

    public string? ApiKey() => FirstVariable(EnvironmentVariables.ApiKey, EnvironmentVariables.IbmCloudApiKey);

    public string? ComputeResourceToken()
    {
        if (FirstVariable(EnvironmentVariables.CrToken, EnvironmentVariables.IbmCloudCrToken) is { } fromVariable)
            return fromVariable;
        var file = computeResourceTokenFiles.FirstOrDefault(File.Exists);
        return file is null ? null : SecretReference.ReadFile(file, "the compute-resource token is in", redactor);
    }

    private string? FirstVariable(params ReadOnlySpan<string> variables)
    {
        foreach (var variable in variables)
        {
            if (environment.Get(variable) is { } value)
                return SecretReference.Resolve(variable, value, redactor) is { Length: > 0 } secret ? secret : null;
        }
        return null;
    }
}
