using Microsoft.Win32.SafeHandles;

namespace Ibmtp.Interop.Unix;

/// <summary>The process's user, the mode of what it creates, and what its standard streams are.</summary>
public static class CurrentProcess
{
    // 077: no group or other bits on anything this process creates.
    private const uint OwnerOnlyUmask = 0x3F;

    public static void RestrictUmask() => Libc.Umask(OwnerOnlyUmask);

    public static int UserId() => (int)Libc.EffectiveUserId();

    /// <summary>What a descriptor of this process is open on, if anything.</summary>
    public static DescriptorKind Descriptor(int descriptor)
    {
        using var handle = new SafeFileHandle(descriptor, ownsHandle: false);
        try
        {
            return FileStatus.Of(handle, $"descriptor {descriptor}").Kind == FileKind.Pipe ? DescriptorKind.Pipe : DescriptorKind.Other;
        }
        catch (IOException e) when (e.HResult == Errno.BadDescriptor)
        {
            return DescriptorKind.Closed;
        }
    }
}
