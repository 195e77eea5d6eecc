using System.Runtime.InteropServices;

namespace Ibmtp.Helper;

internal static partial class NativeMethods
{
    // 077: no group or other bits on anything this process creates.
    private const uint OwnerOnlyUmask = 0x3F;

    public static void RestrictUmask() => umask(OwnerOnlyUmask);

    public static int UserId() => (int)geteuid();

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint umask(uint mask);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint geteuid();
}
