using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Interop.Unix;

/// <summary>open(2) with the flags .NET does not expose, reporting failures as .NET's file API does.</summary>
internal static class UnixFiles
{
    public static SafeFileHandle Open(string path, int flags)
    {
        while (true)
        {
            var descriptor = Libc.Open(path, flags | OpenFlags.CloseOnExec);
            if (descriptor >= 0)
                return new SafeFileHandle(descriptor, ownsHandle: true);
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.Interrupted)
                throw Failure(path, errno);
        }
    }

    /// <summary>Takes an exclusive flock without waiting; returns 0, or the errno (EWOULDBLOCK when another holds it).</summary>
    public static int TryLockExclusive(SafeFileHandle file)
    {
        const int exclusiveNonBlocking = 2 | 4;
        while (true)
        {
            if (Libc.Flock(file, exclusiveNonBlocking) == 0)
                return 0;
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.Interrupted)
                return errno;
        }
    }

    /// <summary>Gives an open file to <paramref name="owner"/> and <paramref name="group"/> (fchown).</summary>
    public static void ChangeOwner(SafeFileHandle file, uint owner, uint group, string path)
    {
        while (Libc.ChangeOwner(file, owner, group) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Errno.Interrupted)
                throw Failure(path, errno);
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/> to <paramref name="file"/>; with O_APPEND a small write lands whole at the end.</summary>
    public static unsafe void WriteAll(SafeFileHandle file, byte[] bytes, string path)
    {
        fixed (byte* start = bytes)
        {
            var written = 0;
            while (written < bytes.Length)
            {
                var result = Libc.Write(file, start + written, bytes.Length - written);
                if (result >= 0)
                {
                    written += (int)result;
                    continue;
                }
                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.Interrupted)
                    throw Failure(path, errno);
            }
        }
    }

    /// <summary>
    /// Swaps <paramref name="first"/> and <paramref name="second"/> in one step (Linux's renameat2 with
    /// RENAME_EXCHANGE). False, having changed nothing, where that cannot be done: not Linux, a kernel
    /// before 3.15, a file system without it, or a path that is missing.
    /// </summary>
    public static bool TryExchange(string first, string second)
    {
        const int currentDirectory = -100; // AT_FDCWD
        const uint exchange = 2; // RENAME_EXCHANGE
        long? renameAt2 = !OperatingSystem.IsLinux() ? null : RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 316,
            Architecture.Arm64 => 276,
            _ => null,
        };
        if (renameAt2 is not { } number)
            return false;
        if (Libc.RenameAt2(number, currentDirectory, first, currentDirectory, second, exchange) == 0)
            return true;
        var errno = Marshal.GetLastPInvokeError();
        return errno is Errno.NotImplemented or Errno.InvalidArgument or Errno.NoEntry
            ? false
            : throw Failure(second, errno);
    }

    /// <summary>The exception .NET would throw for <paramref name="errno"/>, with the errno as its HResult.</summary>
    public static Exception Failure(string path, int errno) => errno switch
    {
        Errno.NoEntry => new FileNotFoundException($"{path} does not exist", path),
        Errno.AccessDenied => new UnauthorizedAccessException($"access to {path} is denied"),
        _ => new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}", errno),
    };
}
