namespace Ibmtp.Configuration;

/// <summary>One entry of the config file's <c>hosts</c> list. Listing a host also opts it in.</summary>
public sealed class HostSettings : ProfileSettings
{
    /// <summary><c>host[:port]</c>, in any form a client would send.</summary>
    public string? Host { get; set; }
}
