using System.Runtime.InteropServices;

namespace Ibmtp.Interop.Unix;

/// <summary>
/// Keeps the OpenSSL linked into the static Linux binary from reading a configuration file. .NET's crypto
/// shim starts OpenSSL with OPENSSL_INIT_LOAD_CONFIG, which reads $OPENSSL_CONF or else the compiled-in
/// /usr/lib/ssl/openssl.cnf: the host's file, written for the host's OpenSSL. It can name providers and
/// engines, shared libraries built against another libc and OpenSSL, which loaded into a static process
/// can crash it or answer wrongly, and settings that could break TLS to IAM. So the static build runs on
/// OpenSSL's built-in defaults, whatever the machine holds, as the Go helpers run on Go's TLS.
/// </summary>
public static partial class OpenSslConfiguration
{
    private const ulong NoLoadConfig = 0x00000080; // OPENSSL_INIT_NO_LOAD_CONFIG

    // OPENSSL_INIT_NO_ATEXIT, as the shim passes it: no cleanup at exit while the runtime's threads may still use OpenSSL.
    private const ulong NoAtExit = 0x00080000;

    /// <summary>Call before anything uses OpenSSL: its configuration step runs once, and runs here as "load nothing".</summary>
    public static void NeverLoad() => InitCrypto(NoLoadConfig | NoAtExit, 0);

    // Fails only without memory, and then the shim's own start of OpenSSL fails the same way.
    [LibraryImport("libcrypto", EntryPoint = "OPENSSL_init_crypto")]
    private static partial int InitCrypto(ulong options, nint settings);
}
