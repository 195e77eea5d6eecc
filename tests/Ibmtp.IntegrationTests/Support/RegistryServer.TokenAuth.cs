using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The same docker-registry in token-auth mode, as IBM Cloud Container Registry works: the registry
/// sends clients to a token server (the IAM emulator's registry token endpoint), and accepts only the
/// bearer tokens that server signed with the certificate in <c>rootcertbundle</c>.
/// </summary>
public sealed partial class RegistryServer
{
    /// <summary>The <c>service</c> the registry names in its challenge and expects as the token's audience; null with htpasswd auth.</summary>
    public string? Service { get; private init; }

    /// <param name="realm">The token server, e.g. the emulator's RegistryTokenRealm.</param>
    /// <param name="issuer">The <c>iss</c> the registry requires in tokens.</param>
    /// <param name="rootCertificateBundle">PEM file of the certificate that signs the tokens.</param>
    public static async Task<RegistryServer> StartWithTokenAuthAsync(Uri realm, string issuer, string rootCertificateBundle)
    {
        var registry = Peers.Require("docker-registry");
        var directory = new TempDirectory("ibmtp-registry");
        try
        {
            var failures = new StringBuilder();
            for (var attempt = 1; attempt <= StartAttempts; attempt++)
            {
                var port = FindFreePort();
                // Unique per attempt: the challenge of this very instance names it, which nothing else on the port would.
                var service = $"ibmtp-test-{Guid.NewGuid():N}";
                var config = Path.Combine(directory.Path, "config.yml");
                await File.WriteAllTextAsync(config, TokenAuthConfiguration(port, directory.Subdirectory("storage"), realm, service, issuer, rootCertificateBundle));

                var log = new StringBuilder();
                var process = Launch(registry, config, log);
                if (await AnswersAsync(process, port, service))
                {
                    return new RegistryServer(directory, process, log, port, username: string.Empty, password: string.Empty) { Service = service };
                }

                await StopAsync(process);
                failures.AppendLine($"attempt {attempt} on port {port}:").AppendLine(Snapshot(log));
            }

            throw new InvalidOperationException($"docker-registry did not start:\n{failures}");
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    private static string TokenAuthConfiguration(int port, string storage, Uri realm, string service, string issuer, string rootCertificateBundle) => $"""
        version: 0.1
        log:
          level: info
        storage:
          filesystem:
            rootdirectory: "{storage}"
          maintenance:
            uploadpurging:
              enabled: false
        http:
          addr: "127.0.0.1:{port}"
          secret: "{Guid.NewGuid():N}"
        auth:
          token:
            realm: "{realm}"
            service: "{service}"
            issuer: "{issuer}"
            rootcertbundle: "{rootCertificateBundle}"
        """;
}
