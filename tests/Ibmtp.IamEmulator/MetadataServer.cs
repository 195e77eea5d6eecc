namespace Ibmtp.Emulators;

/// <summary>Which machine the emulator's VPC metadata service stands for: each answers the identity calls of its own API versions.</summary>
public enum MetadataServer
{
    /// <summary>A virtual server today: <c>/instance_identity/v1/*</c> up to API version 2025-08-25, <c>/identity/v1/*</c> from 2025-08-26.</summary>
    VirtualServer,

    /// <summary>A bare metal server: only <c>/identity/v1/*</c>, whatever the version.</summary>
    BareMetalServer,

    /// <summary>A virtual server whose metadata service predates API version 2025-08-26: only <c>/instance_identity/v1/*</c>.</summary>
    VirtualServerBefore20250826,
}
