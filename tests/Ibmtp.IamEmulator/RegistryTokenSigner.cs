using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;

namespace Ibmtp.Emulators;

/// <summary>
/// Signs registry bearer tokens the way distribution's token auth verifies them: RS256, with the signing certificate
/// in the <c>x5c</c> header, chained to a root the registry trusts. The certificate is self-signed and written to
/// <see cref="CertificatePemPath"/>, which is what the registry's <c>rootcertbundle</c> points at.
/// </summary>
internal sealed class RegistryTokenSigner : IDisposable
{
    private readonly RSA key = RSA.Create(2048);
    private readonly X509Certificate2 certificate;
    private readonly Lock signing = new();

    public RegistryTokenSigner(string issuer, string certificatePemPath)
    {
        Issuer = issuer;
        CertificatePemPath = certificatePemPath;
        var request = new CertificateRequest($"CN={issuer}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        // Backdated so a registry whose clock is a little behind still accepts the chain.
        certificate = request.CreateSelfSigned(now.AddHours(-1), now.AddDays(30));
        File.WriteAllText(certificatePemPath, certificate.ExportCertificatePem());
    }

    public string Issuer { get; }

    public string CertificatePemPath { get; }

    public string Sign(JsonObject claims)
    {
        var header = new JsonObject
        {
            ["alg"] = "RS256",
            ["typ"] = "JWT",
            ["x5c"] = new JsonArray(Convert.ToBase64String(certificate.RawData)),
        };

        // RSA instances are not documented as safe for concurrent use, and parallel pulls do sign concurrently.
        lock (signing)
        {
            return CompactJwt.Create(header, claims, data => key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    public void Dispose()
    {
        certificate.Dispose();
        key.Dispose();
    }
}
