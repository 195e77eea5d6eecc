using System.Runtime.InteropServices;

namespace Ibmtp.Interop.MacOS;

/// <summary>CoreFoundation's CFRange: a start and a length, in UTF-16 units for a string.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct CFRange(nint Location, nint Length);
