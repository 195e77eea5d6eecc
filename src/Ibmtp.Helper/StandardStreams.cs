using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Helper;

/// <summary>
/// The process's standard input, output and error as plain unbuffered file streams. Console's own streams
/// first set up terminal and signal handling, with a thread for it, which a helper whose standard streams
/// are the client's pipes never uses: 3% of a `get` (bench/startup-layout.md).
/// </summary>
internal static class StandardStreams
{
    public static Stream Input => Open(0, FileAccess.Read);

    public static Stream Output => Open(1, FileAccess.Write);

    public static Stream Error => Open(2, FileAccess.Write);

    private static Stream Open(int descriptor, FileAccess access)
    {
        try
        {
            return new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // A client that closed the descriptor gets nothing on it, as Console's streams would do.
            return Stream.Null;
        }
    }
}
