using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Interop.Unix;

/// <summary>What fstat(2) says about an open file: its type, permission bits, owner, group and inode.</summary>
internal readonly record struct FileStatus(FileKind Kind, UnixFileMode Mode, uint OwnerId, uint GroupId, ulong Inode)
{
    private const uint TypeMask = 0xF000;
    private const uint RegularType = 0x8000;
    private const uint DirectoryType = 0x4000;
    private const uint FifoType = 0x1000;
    private const uint SocketType = 0xC000;
    private const int LargestLayout = 256;

    // Offsets of st_mode and st_uid in struct stat; st_gid follows st_uid, and st_ino is at 8, in all three layouts.
    private static readonly (int Mode, int Owner) Offsets =
        OperatingSystem.IsMacOS() ? (4, 16)
        : RuntimeInformation.ProcessArchitecture == Architecture.X64 ? (24, 28)
        : RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? (16, 24)
        : throw new PlatformNotSupportedException($"no struct stat layout known for {RuntimeInformation.ProcessArchitecture}");

    public static unsafe FileStatus Of(SafeFileHandle file, string path)
    {
        var buffer = stackalloc byte[LargestLayout];
        var result = OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture == Architecture.X64
            ? Libc.FileStatusIntelMac(file, buffer)
            : Libc.FileStatus(file, buffer);
        if (result != 0)
            throw UnixFiles.Failure(path, Marshal.GetLastPInvokeError());
        var layout = new ReadOnlySpan<byte>(buffer, LargestLayout);
        // st_mode is 16 bits on macOS and 32 on Linux; the type and permission bits fit in 16.
        var mode = BinaryPrimitives.ReadUInt32LittleEndian(layout[Offsets.Mode..]) & 0xFFFF;
        var kind = (mode & TypeMask) switch
        {
            RegularType => FileKind.Regular,
            DirectoryType => FileKind.Directory,
            FifoType or SocketType => FileKind.Pipe,
            _ => FileKind.Other,
        };
        return new FileStatus(
            kind,
            (UnixFileMode)(mode & 0xFFF),
            BinaryPrimitives.ReadUInt32LittleEndian(layout[Offsets.Owner..]),
            BinaryPrimitives.ReadUInt32LittleEndian(layout[(Offsets.Owner + 4)..]),
            BinaryPrimitives.ReadUInt64LittleEndian(layout[8..]));
    }
}
