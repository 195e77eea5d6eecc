namespace Ibmtp.Interop.Unix;

/// <summary>What one of the process's descriptors is open on.</summary>
public enum DescriptorKind
{
    /// <summary>A FIFO or a socket, as clients connect a helper's standard streams.</summary>
    Pipe,

    /// <summary>Not open: the parent closed it.</summary>
    Closed,

    /// <summary>A terminal, a file or a device.</summary>
    Other,
}
