using System.Runtime.InteropServices;

namespace Ibmtp.Tests.Support;

/// <summary>
/// Sets the process umask to 000 until disposed, so that a file mode test proves the helper sets
/// modes itself rather than relying on the caller's umask. NUnit runs these tests one at a time.
/// </summary>
public sealed class PermissiveUmask : IDisposable
{
    private readonly uint _previous = umask(0);

    public void Dispose() => umask(_previous);

    [DllImport("libc", EntryPoint = "umask")]
    private static extern uint umask(uint mask);
}
