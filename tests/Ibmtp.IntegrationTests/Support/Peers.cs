using System.Diagnostics;
using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>The external programs the integration tests drive, and how to get them.</summary>
public static class Peers
{
    private static readonly IReadOnlyDictionary<string, string> DebianPackages = new Dictionary<string, string>
    {
        ["skopeo"] = "skopeo",
        ["podman"] = "podman",
        ["docker"] = "docker.io (or docker-ce-cli)",
        ["docker-registry"] = "docker-registry",
        ["htpasswd"] = "apache2-utils",
        ["buildah"] = "buildah",
        ["docker-credential-ecr-login"] = "amazon-ecr-credential-helper",
        ["dbus-run-session"] = "dbus-daemon",
        ["dbus-send"] = "dbus-bin",
        ["gnome-keyring-daemon"] = "gnome-keyring",
        ["secret-tool"] = "libsecret-tools",
        ["pass"] = "pass",
        ["gpg"] = "gnupg",
        ["gpgconf"] = "gnupg",
        ["mmdebstrap"] = "mmdebstrap",
    };

    /// <summary>
    /// Returns the full path of <paramref name="executable"/> on this process's PATH.
    /// A missing peer fails the test on CI and under tests/run.sh (which installs every peer first),
    /// where it is a broken setup, and skips it elsewhere.
    /// </summary>
    public static string Require(string executable)
    {
        var found = FindOnPath(executable);
        if (found is not null)
        {
            return found;
        }

        var package = DebianPackages.TryGetValue(executable, out var name) ? name : executable;
        throw Unavailable($"{executable} is missing; install with apt-get install -y {package}");
    }

    /// <summary>Returns <paramref name="file"/>, which the Debian package <paramref name="package"/> installs, when it exists; as <see cref="Require"/> otherwise.</summary>
    public static string RequireFile(string file, string package) =>
        File.Exists(file) ? file : throw Unavailable($"{file} is missing; install with apt-get install -y {package}");

    /// <summary>
    /// A peer the test needs is missing or unfit, as <paramref name="message"/> says: fails the test on CI
    /// and under tests/run.sh, skips it elsewhere. Never returns; `throw Unavailable(...)` tells the compiler so.
    /// </summary>
    public static Exception Unavailable(string message)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            || Environment.GetEnvironmentVariable("IBMTP_REQUIRE_PEERS") == "1")
        {
            Assert.Fail(message);
        }

        Assert.Ignore(message);
        return new UnreachableException();
    }

    private static string? FindOnPath(string executable)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, executable))
            .FirstOrDefault(IsExecutableFile);
    }

    private static bool IsExecutableFile(string candidate) =>
        File.Exists(candidate)
        && (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
