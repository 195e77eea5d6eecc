using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Ibmtp.Interop.Unix;

/// <summary>
/// The system's OpenSSL, which .NET loads on Linux at the first call that needs it: TLS, random numbers,
/// PBKDF2 and .NET's own hashes. Where no libssl is installed (a slim container image), .NET aborts the
/// process at that call; asking first turns the abort into an error that says what to install. No
/// cached `get` asks.
/// </summary>
public static class SystemOpenSsl
{
    // What .NET's OpenSSL shim accepts: OpenSSL 3, or 1.1 on older systems.
    private static readonly string[] Libraries = ["libssl.so.3", "libssl.so.1.1"];

    private static bool found;

    /// <summary>Random bytes for a key, salt or nonce, from .NET's generator, which is OpenSSL's on Linux.</summary>
    public static byte[] RandomBytes(int count)
    {
        Require("saving a login, a token or a key");
        return RandomNumberGenerator.GetBytes(count);
    }

    /// <summary>Throws a <see cref="HelperException"/> that names <paramref name="purpose"/> when no usable libssl loads.</summary>
    public static void Require(string purpose)
    {
        if (found || !OperatingSystem.IsLinux())
            return;
        found = Libraries.Any(library => NativeLibrary.TryLoad(library, out _));
        if (!found)
            throw new HelperException(
                $"{purpose} needs the system's OpenSSL (libssl.so.3 or libssl.so.1.1), which is not installed: " +
                "install it (Debian, Ubuntu: apt-get install libssl3; Fedora, RHEL: dnf install openssl-libs)");
    }
}
