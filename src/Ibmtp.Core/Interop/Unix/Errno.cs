namespace Ibmtp.Interop.Unix;

/// <summary>The errno values the helper tells apart, where they differ between Linux and macOS.</summary>
internal static class Errno
{
    public const int NoEntry = 2;
    public const int Interrupted = 4;
    public const int AccessDenied = 13;
    public const int Exists = 17;
    public const int InvalidArgument = 22;
    // Linux's ENOSYS (38 on x64 and arm64); only Linux's calls look for it.
    public const int NotImplemented = 38;
    public static readonly int WouldBlock = OperatingSystem.IsMacOS() ? 35 : 11;
    public static readonly int SymbolicLinkLoop = OperatingSystem.IsMacOS() ? 62 : 40;
}
