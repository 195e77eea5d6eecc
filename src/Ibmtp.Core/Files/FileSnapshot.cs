using Ibmtp.Interop.Unix;

namespace Ibmtp.Files;

/// <summary>
/// A file as it was read: its bytes, and the owner, group, mode and inode it had, so that a file
/// written in its place keeps them and a change made meanwhile can be told.
/// </summary>
public sealed class FileSnapshot
{
    internal FileSnapshot(byte[] bytes, FileStatus status)
    {
        Bytes = bytes;
        Status = status;
    }

    public byte[] Bytes { get; }

    internal FileStatus Status { get; }
}
