namespace Ibmtp.Interop.Unix;

/// <summary>The file types the helper tells apart: anything but a regular file or a folder (a FIFO, a device, a socket) is refused.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    Other,
}
