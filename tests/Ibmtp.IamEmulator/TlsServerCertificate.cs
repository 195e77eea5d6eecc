using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ibmtp.Emulators;

/// <summary>
/// The self-signed server certificate of an emulator serving HTTPS, made in-process for 127.0.0.1 and localhost.
/// Nothing trusts it until a client is told to: its PEM (certificate only, no key) is written to
/// <see cref="PemPath"/>, e.g. for a client's <c>SSL_CERT_FILE</c>.
/// </summary>
internal sealed class TlsServerCertificate : IDisposable
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    public TlsServerCertificate(string pemPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ibmtp-iam-emulator TLS", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        // Backdated so a client whose clock is a little behind still accepts it.
        Certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        PemPath = pemPath;
        File.WriteAllText(pemPath, Certificate.ExportCertificatePem() + "\n");
    }

    /// <summary>The certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate alone, PEM-encoded: what a client adds to its trusted roots.</summary>
    public string PemPath { get; }

    public void Dispose() => Certificate.Dispose();
}
