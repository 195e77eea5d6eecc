namespace Ibmtp.Interop.Unix;

/// <summary>The process's user and the mode of what it creates.</summary>
public static class CurrentProcess
{
    // 077: no group or other bits on anything this process creates.
    private const uint OwnerOnlyUmask = 0x3F;

    public static void RestrictUmask() => Libc.Umask(OwnerOnlyUmask);

    public static int UserId() => (int)Libc.EffectiveUserId();
}
