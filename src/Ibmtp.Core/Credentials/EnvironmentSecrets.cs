using Ibmtp.Configuration;
using Ibmtp.Platform;
using Ibmtp.Secrets;

namespace Ibmtp.Credentials;

/// <summary>
/// The secrets a machine can offer through its environment: an API key, a compute-resource token
/// that Kubernetes or Code Engine projects into a file, the keystore's passphrase. Each is read only
/// when asked for.
/// </summary>
public sealed class EnvironmentSecrets(IEnvironment environment, IReadOnlyList<string> computeResourceTokenFiles)
{
    /// <summary>Where IBM's SDKs look for a compute-resource token, in their order.</summary>
    public static readonly IReadOnlyList<string> DefaultComputeResourceTokenFiles =
    [
        "/var/run/secrets/tokens/vault-token",
        "/var/run/secrets/tokens/sa-token",
        "/var/run/secrets/codeengine.cloud.ibm.com/compute-resource-token/token",
    ];

    public SourcedSecret? ApiKey() => FromVariables(SettingsTable.ApiKey);

    public SourcedSecret? ComputeResourceToken()
    {
        if (FromVariables(SettingsTable.CrToken) is { } fromVariable)
            return fromVariable;
        var file = computeResourceTokenFiles.FirstOrDefault(File.Exists);
        return file is null ? null : new SourcedSecret(SecretReference.ReadFile(file, "the compute-resource token is in"), file);
    }

    /// <summary>The passphrase as given, even when blank: a keystore sealed with a blank passphrase must still open.</summary>
    public Secret? KeystorePassphrase() =>
        SecretReference.Resolve(SettingsTable.KeystorePassphrase.Variable, environment.Get(SettingsTable.KeystorePassphrase.Variable));

    /// <summary>The first of the setting's variables that is set; a blank value counts as none.</summary>
    private SourcedSecret? FromVariables(Setting setting)
    {
        foreach (var variable in (ReadOnlySpan<string?>)[setting.Variable, setting.FallbackVariable])
        {
            if (variable is null || environment.Get(variable) is not { } value)
                continue;
            var origin = value.StartsWith('@') ? $"{variable} ({value})" : variable;
            return SecretReference.Resolve(variable, value) is { Value.Length: > 0 } secret ? new SourcedSecret(secret, origin) : null;
        }
        return null;
    }
}
