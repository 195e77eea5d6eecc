namespace Ibmtp.Configuration;

/// <summary>One entry of the config file's <c>hosts</c> list. Listing a host also opts it in.</summary>
public sealed class HostSettings
{
    /// <summary><c>host[:port]</c>, in any form a client would send.</summary>
    public string? Host { get; set; }

    /// <summary>The trusted profile to log in as with an API key from the environment.</summary>
    public string? ProfileId { get; set; }
}
