namespace Ibmtp.IntegrationTests;

/// <summary>How long a call on a hostile file system may take before the test calls it a hang.</summary>
public static class Deadlines
{
    /// <summary>A failure that the helper should see at once, with room for a loaded 2-core machine.</summary>
    public static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(2);

    /// <summary>A call facing a FIFO, a device or a link: past this it is killed and counted as a hang.</summary>
    public static readonly TimeSpan AFewSeconds = TimeSpan.FromSeconds(5);
}
