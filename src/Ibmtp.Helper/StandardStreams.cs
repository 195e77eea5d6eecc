using Ibmtp.Interop.Unix;
using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Helper;

/// <summary>
/// The process's standard streams. A pipe or socket, which is how docker, podman, buildah, skopeo and
/// the kubelet connect them, is used as a plain unbuffered file stream: Console's streams first set up
/// terminal and signal handling, with a thread for it, which a helper talking to a pipe never uses (1.3
/// to 1.9% of a `get` and a thread, bench/startup-layout.md). A terminal or a file keeps Console's stream: a file stream
/// would write a file at its own position instead of the descriptor's shared offset. A descriptor the
/// parent closed reads as empty and swallows writes, so the helper still ends with its exit status.
/// </summary>
internal static class StandardStreams
{
    public static Stream Input => Open(0, FileAccess.Read, Console.OpenStandardInput);

    public static Stream Output => Open(1, FileAccess.Write, Console.OpenStandardOutput);

    public static Stream Error => Open(2, FileAccess.Write, Console.OpenStandardError);

    private static Stream Open(int descriptor, FileAccess access, Func<Stream> console) => CurrentProcess.Descriptor(descriptor) switch
    {
        DescriptorKind.Pipe => new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), access, bufferSize: 0),
        DescriptorKind.Closed => Stream.Null,
        DescriptorKind.Other => console(),
    };
}
