using System.Security.Authentication;

namespace Ibmtp.Emulators;

/// <summary>How an emulator serves HTTPS: the TLS versions its listener speaks, and whether its server certificate has expired.</summary>
public sealed record EmulatorTls
{
    /// <summary>TLS 1.2 and 1.3, as the system allows, with a server certificate valid today.</summary>
    public static readonly EmulatorTls Default = new();

    /// <summary>The TLS versions the listener accepts; <see cref="SslProtocols.None"/> leaves the choice to the system.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.None;

    /// <summary>Serve a server certificate, issued by the trusted test CA, whose validity ended yesterday.</summary>
    public bool CertificateExpired { get; init; }
}
