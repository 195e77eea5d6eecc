using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Interop.Unix;

/// <summary>
/// The libc calls that .NET's file API does not offer: an open that neither follows a symbolic link
/// nor blocks on a FIFO, fstat's file type and owner, fchown, a single appending write, flock, and a
/// descriptor's flags.
/// </summary>
internal static unsafe partial class Libc
{
    // open(2) is variadic, and Apple's arm64 ABI passes variadic arguments differently, so it is
    // declared without the mode argument. It is never needed: files are created by .NET (O_EXCL).
    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    internal static partial int FileStatus(SafeFileHandle file, byte* status);

    // Intel Macs keep the 32-bit inode layout under the plain name for old binaries.
    [LibraryImport("libc", EntryPoint = "fstat$INODE64", SetLastError = true)]
    internal static partial int FileStatusIntelMac(SafeFileHandle file, byte* status);

    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    internal static partial int ChangeOwner(SafeFileHandle file, uint owner, uint group);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(SafeFileHandle file, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int Flock(SafeFileHandle file, int operation);

    // fcntl(2) is variadic too; F_GETFD takes no third argument.
    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int descriptor, int command);

    [LibraryImport("libc", EntryPoint = "umask")]
    internal static partial uint Umask(uint mask);

    // renameat2(2) through syscall(2), which every libc has: glibc's renameat2 wrapper is Linux's alone,
    // and the binary links libc's functions at build time on macOS too. syscall is variadic; these
    // arguments are all integers and pointers, passed alike by Linux's x64 and arm64 conventions.
    [LibraryImport("libc", EntryPoint = "syscall", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial long RenameAt2(long number, int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "getppid")]
    internal static partial int ParentProcessId();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint EffectiveUserId();
}
