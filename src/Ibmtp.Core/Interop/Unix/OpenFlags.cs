using System.Runtime.InteropServices;

namespace Ibmtp.Interop.Unix;

/// <summary>open(2) flags, whose values differ between Linux (and its architectures) and macOS.</summary>
internal static class OpenFlags
{
    public const int ReadOnly = 0;
    public const int WriteOnly = 1;
    public const int ReadWrite = 2;

    public static readonly int Append = OperatingSystem.IsMacOS() ? 0x8 : 0x400;
    public static readonly int NonBlocking = OperatingSystem.IsMacOS() ? 0x4 : 0x800;
    public static readonly int CloseOnExec = OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    public static readonly int NoFollow = OperatingSystem.IsMacOS() ? 0x100
        : RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 0x20000
        : 0x8000;
}
