using System.Runtime.InteropServices;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>The kernel's cache of file pages, as far as a test needs to reset it for one file.</summary>
public static class PageCache
{
    private const int DontNeed = 4; // POSIX_FADV_DONTNEED on Linux

    /// <summary>
    /// Writes <paramref name="file"/>'s pages to disk and drops them from the page cache, so that the next
    /// process to map it reads it back from disk, as it does for a binary installed before the last boot.
    /// On a file system that keeps no copy on disk (tmpfs) the pages stay where they are.
    /// </summary>
    public static void Drop(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Flush(flushToDisk: true); // only clean pages can be dropped
        var error = PosixFadvise((int)stream.SafeFileHandle.DangerousGetHandle(), 0, 0, DontNeed);
        Assert.That(error, Is.Zero, $"posix_fadvise(POSIX_FADV_DONTNEED) on {file} failed with errno {error}");
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int PosixFadvise(int fd, long offset, long length, int advice);
}
