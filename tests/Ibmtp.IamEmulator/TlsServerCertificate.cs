using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ibmtp.Emulators;

/// <summary>
/// The server certificate of an emulator serving HTTPS, made in-process for 127.0.0.1, localhost and
/// <see cref="IamEmulator.NonLoopbackName"/>, and issued by a test CA made with it. Nothing trusts the CA until a
/// client is told to: its PEM (certificate only, no key) is written to <see cref="PemPath"/>, e.g. for a client's
/// <c>SSL_CERT_FILE</c>.
/// </summary>
internal sealed class TlsServerCertificate : IDisposable
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <param name="expired">Issue a server certificate whose validity ended a day ago, under a CA valid today.</param>
    public TlsServerCertificate(string pemPath, bool expired)
    {
        var now = DateTimeOffset.UtcNow;
        // The CA's validity holds the server certificate's, whichever it is.
        using var authority = CreateAuthority(now.AddDays(-31), now.AddDays(30));
        Certificate = expired
            ? Issue(authority, now.AddDays(-31), now.AddDays(-1))
            // Backdated so a client whose clock is a little behind still accepts it.
            : Issue(authority, now.AddDays(-1), now.AddDays(30));
        PemPath = pemPath;
        File.WriteAllText(pemPath, authority.ExportCertificatePem() + "\n");
    }

    /// <summary>The server certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The test CA's certificate alone, PEM-encoded: what a client adds to its trusted roots.</summary>
    public string PemPath { get; }

    public void Dispose() => Certificate.Dispose();

    private static X509Certificate2 CreateAuthority(DateTimeOffset validFrom, DateTimeOffset validUntil)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ibmtp-iam-emulator test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(validFrom, validUntil);
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, DateTimeOffset validFrom, DateTimeOffset validUntil)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ibmtp-iam-emulator TLS", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        names.AddDnsName(IamEmulator.NonLoopbackName);
        request.CertificateExtensions.Add(names.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serialNumber = RandomNumberGenerator.GetBytes(16);
        // A serial number is a positive integer: the first bit would make it negative.
        serialNumber[0] &= 0x7F;
        using var issued = request.Create(authority, validFrom, validUntil, serialNumber);
        return issued.CopyWithPrivateKey(key);
    }
}
