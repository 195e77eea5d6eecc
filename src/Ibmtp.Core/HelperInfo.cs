namespace Ibmtp;

/// <summary>The helper's name and version, as users and clients see them.</summary>
public static class HelperInfo
{
    /// <summary>The executable's name: docker and podman find a helper named "ibmtp" by this file name.</summary>
    public const string Name = "docker-credential-ibmtp";
    public const string Package = "ibmtp";

    /// <summary>What docker and podman's <c>credHelpers</c> name: they run <c>docker-credential-</c> followed by it.</summary>
    public const string CredHelperName = "ibmtp";

    public static string Version =>
        typeof(HelperInfo).Assembly.GetName().Version is { } version ? $"{version.Major}.{version.Minor}.{version.Build}" : "0.0.0";

    public static string VersionLine => $"{Name} ({Package}) {Version}";
}
