namespace Ibmtp.Interop.Unix;

/// <summary>The file types the helper tells apart. Its own files must be regular files or folders; a pipe is what a client connects to its standard streams.</summary>
internal enum FileKind
{
    Regular,
    Directory,

    /// <summary>A FIFO or a socket: read and written in order, with no file position.</summary>
    Pipe,

    /// <summary>A device.</summary>
    Other,
}
