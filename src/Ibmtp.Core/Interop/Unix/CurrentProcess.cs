using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Interop.Unix;

/// <summary>The process's user, the mode of what it creates, and what its standard streams are.</summary>
public static class CurrentProcess
{
    // 077: no group or other bits on anything this process creates.
    private const uint OwnerOnlyUmask = 0x3F;

    public static void RestrictUmask() => Libc.Umask(OwnerOnlyUmask);

    public static int UserId() => (int)Libc.EffectiveUserId();

    /// <summary>The parent's command name as Linux's <c>/proc</c> gives it (at most 15 bytes), or null where there is none.</summary>
    public static string? ParentName()
    {
        try
        {
            return File.ReadAllText($"/proc/{Libc.ParentProcessId()}/comm").TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // fcntl's F_GETFD and its FD_CLOEXEC flag have these values on Linux and macOS alike.
    private const int GetDescriptorFlags = 1;
    private const int CloseOnExec = 1;

    /// <summary>
    /// What a standard descriptor of this process is open on. One the parent closed is often open again
    /// by the time this asks, on a file the runtime opened for itself (such as /dev/urandom), with
    /// close-on-exec set as .NET sets it; an inherited descriptor never has it, so that one counts as closed.
    /// </summary>
    public static DescriptorKind Descriptor(int descriptor)
    {
        var flags = Libc.Fcntl(descriptor, GetDescriptorFlags);
        if (flags == -1 || (flags & CloseOnExec) != 0)
            return DescriptorKind.Closed;
        using var handle = new SafeFileHandle(descriptor, ownsHandle: false);
        try
        {
            return FileStatus.Of(handle, $"descriptor {descriptor}").Kind == FileKind.Pipe ? DescriptorKind.Pipe : DescriptorKind.Other;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DescriptorKind.Other;
        }
    }
}
