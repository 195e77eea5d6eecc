using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Ibmtp.Interop.MacOS;

/// <summary>The system frameworks the keychain is reached through, and their exported globals.</summary>
[SupportedOSPlatform("macos")]
internal static class Frameworks
{
    internal const string CoreFoundation = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";

    internal const string Security = "/System/Library/Frameworks/Security.framework/Security";

    /// <summary>The address of an exported symbol, such as a table of callbacks.</summary>
    internal static nint Export(string framework, string name) => NativeLibrary.GetExport(NativeLibrary.Load(framework), name);

    /// <summary>
    /// The value of an exported CFTypeRef global such as kSecClass. These are variables, not
    /// compile-time constants, so they are read from the loaded framework rather than copied here.
    /// </summary>
    internal static nint Global(string framework, string name) => Marshal.ReadIntPtr(Export(framework, name));
}
