using Ibmtp.Configuration;
using Ibmtp.Hosts;
using Ibmtp.Logging;
using Ibmtp.Platform;
using Ibmtp.Protocol;

namespace Ibmtp.CredentialSources;

/// <summary>
/// An API key from the environment. With a trusted profile ID the registry logs in as the profile;
/// without one it is a plain API-key login, which ICR also accepts.
/// </summary>
public sealed class EnvironmentApiKeySource(IEnvironment environment, HelperSettings settings, SecretRedactor redactor) : ICredentialSource
{
    public const string PlainApiKeyUsername = "iamapikey";

    public string Name => "environment";

    public Credentials? Find(RegistryHost host, string serverUrl)
    {
        var apiKey = ReadApiKey();
        if (string.IsNullOrEmpty(apiKey))
            return null;
        var username = settings.ProfileIdFor(host) ?? PlainApiKeyUsername;
        return new Credentials(serverUrl, username, apiKey);
    }

    private string? ReadApiKey()
    {
        foreach (var variable in (ReadOnlySpan<string>)[EnvironmentVariables.ApiKey, EnvironmentVariables.IbmCloudApiKey])
        {
            var value = environment.Get(variable);
            if (value is not null)
                return SecretReference.Resolve(variable, value, redactor);
        }
        return null;
    }
}
