namespace Ibmtp.IntegrationTests;

/// <summary>
/// The same docker-registry in token-auth mode, as IBM Cloud Container Registry works: the registry
/// sends clients to a token server (the IAM emulator's registry token endpoint), and accepts only the
/// bearer tokens that server signed with the certificate in <c>rootcertbundle</c>.
/// </summary>
public sealed partial class RegistryServer
{
    /// <param name="realm">The token server, e.g. the emulator's RegistryTokenRealm.</param>
    /// <param name="issuer">The <c>iss</c> the registry requires in tokens.</param>
    /// <param name="rootCertificateBundle">PEM file of the certificate that signs the tokens.</param>
    public static Task<RegistryServer> StartWithTokenAuthAsync(Uri realm, string issuer, string rootCertificateBundle) =>
        // The service is the challenge's unique name: the registry names it, and expects it as the token's audience.
        StartAsync(username: string.Empty, password: string.Empty, (_, service) => $"""
            auth:
              token:
                realm: "{realm}"
                service: "{service}"
                issuer: "{issuer}"
                rootcertbundle: "{rootCertificateBundle}"
            """);
}
