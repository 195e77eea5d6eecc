namespace Ibmtp.ClientConfig;

/// <summary>
/// The IBM Cloud Container Registry hosts <c>configure</c> names by default. <c>credHelpers</c> has no
/// wildcards, so each host is listed; the helper itself serves any <c>*.icr.io</c> host.
/// </summary>
public static class IcrRegistries
{
    public static readonly IReadOnlyList<string> Regions = ["au", "br", "ca", "ca2", "de", "es", "in", "in2", "jp", "jp2", "uk", "us"];

    /// <summary><c>icr.io</c> and every public regional host.</summary>
    public static IReadOnlyList<string> Public => ["icr.io", .. Regions.Select(region => $"{region}.icr.io")];

    /// <summary><c>private.icr.io</c> and every <c>private.&lt;region&gt;.icr.io</c> host.</summary>
    public static IReadOnlyList<string> Private => ["private.icr.io", .. Regions.Select(region => $"private.{region}.icr.io")];
}
