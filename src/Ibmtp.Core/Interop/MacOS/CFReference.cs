using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Ibmtp.Interop.MacOS;

/// <summary>A CoreFoundation object this process owns (from a Create or Copy call), released once with CFRelease.</summary>
[SupportedOSPlatform("macos")]
internal sealed class CFReference : SafeHandle
{
    // The source-generated marshaller creates the instance for a returned or out object.
    public CFReference()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The object, valid while this reference is not disposed.</summary>
    internal nint Value => handle;

    protected override bool ReleaseHandle()
    {
        CoreFoundation.Release(handle);
        return true;
    }
}
