using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// Debian 11 "bullseye" (glibc 2.31, OpenSSL 1.1) with ca-certificates and skopeo: an older distribution
/// than the machine's, as `mmdebstrap --variant=minbase` makes it from deb.debian.org with its updates
/// and security suites. Building it takes minutes, so it is built once per machine into
/// <see cref="CacheFolder"/>, as a folder whose name carries a hash of how it was made: a change to the
/// package list, or a missing folder, builds it again. Concurrent test runs wait for one build. Tests
/// never write to it: each root is an overlay over it (<see cref="MinimalRoot.CreateOverAsync"/>).
/// </summary>
public static class DebianRoot
{
    public const string CacheFolder = "/var/cache/docker-credential-ibmtp-tests";
    public const string Suite = "bullseye";

    private static readonly string[] Packages = ["ca-certificates", "skopeo"];

    private static readonly string[] Sources =
    [
        $"deb http://deb.debian.org/debian {Suite} main",
        $"deb http://deb.debian.org/debian {Suite}-updates main",
        $"deb http://deb.debian.org/debian-security {Suite}-security main",
    ];

    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(20);

    private static string[] BuildArguments(string output) =>
        ["--variant=minbase", $"--include={string.Join(',', Packages)}", "--format=directory", Suite, output, .. Sources];

    /// <summary>A root over <paramref name="tree"/> (from <see cref="TreeAsync"/>), with root's HOME and Debian's PATH.</summary>
    public static async Task<MinimalRoot> CreateAsync(string tree)
    {
        var root = await MinimalRoot.CreateOverAsync(tree);
        root.Environment["HOME"] = "/root";
        root.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        return root;
    }

    /// <summary>The cached root's folder, built first when missing. A build that fails fails the test under CI and skips it elsewhere.</summary>
    public static async Task<string> TreeAsync()
    {
        var mmdebstrap = Peers.Require("mmdebstrap");
        Directory.CreateDirectory(CacheFolder);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', BuildArguments("")))))[..16];
        var tree = Path.Combine(CacheFolder, $"{Suite}-{hash}");
        using var buildLock = await LockAsync(tree + ".lock");
        if (Directory.Exists(tree))
        {
            return tree;
        }

        // Built aside and renamed once whole, so an interrupted build never passes for a root; the lock
        // is held, so any other build aside is a dead one's.
        var partial = tree + ".partial";
        DeleteIfThere(partial);
        var build = await ProcessRunner.RunAsync(mmdebstrap, BuildArguments(partial), new ProcessOptions { Timeout = BuildLimit });
        if (!build.Succeeded)
        {
            DeleteIfThere(partial);
            throw Peers.Unavailable($"mmdebstrap could not build the Debian {Suite} root (is deb.debian.org reachable?):\n{build}");
        }

        Directory.Move(partial, tree);
        return tree;
    }

    private static void DeleteIfThere(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>An exclusive lock on <paramref name="file"/>, which other test processes wait for as long as a build may take.</summary>
    private static async Task<FileStream> LockAsync(string file)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock, released when the stream is disposed or the process ends.
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (clock.Elapsed < BuildLimit)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
