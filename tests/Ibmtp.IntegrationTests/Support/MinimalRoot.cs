namespace Ibmtp.IntegrationTests;

/// <summary>
/// A root file system that holds the published helper and only what a test puts in it, entered with
/// chroot: what the static binary finds in a scratch or distroless image. /tmp is there, and /dev/null
/// and /dev/urandom are the machine's, bound in a mount namespace of the root's own. Loopback is the
/// machine's, so the IAM emulator is reachable. Needs root, as <see cref="PrivateMountNamespace"/> does.
/// </summary>
public sealed class MinimalRoot : IDisposable
{
    public const string Helper = "/docker-credential-ibmtp";
    private static readonly string[] Devices = ["/dev/null", "/dev/urandom"];
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(30);

    private readonly TempDirectory directory;
    private readonly PrivateMountNamespace mounts;

    private MinimalRoot(TempDirectory directory, PrivateMountNamespace mounts)
    {
        this.directory = directory;
        this.mounts = mounts;
    }

    /// <summary>The helper's whole environment: its HOME inside the root, and what a test adds.</summary>
    public Dictionary<string, string> Environment { get; } = new() { ["HOME"] = "/home" };

    public static async Task<MinimalRoot> CreateAsync()
    {
        var directory = new TempDirectory("ibmtp-root");
        var mounts = await PrivateMountNamespace.CreateAsync();
        var root = new MinimalRoot(directory, mounts);
        Directory.CreateDirectory(root.Outside("/tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        Directory.CreateDirectory(root.Outside("/home"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Copy(HelperBinary.Path, root.Outside(Helper));
        foreach (var device in Devices)
        {
            root.WriteFile(device, "");
            await mounts.MountAsync("--bind", device, root.Outside(device));
        }

        return root;
    }

    /// <summary>Where <paramref name="pathInside"/> is on the machine.</summary>
    public string Outside(string pathInside) => Path.Combine(directory.Path, pathInside.TrimStart('/'));

    /// <summary>Writes <paramref name="pathInside"/>, with the folders it needs.</summary>
    public void WriteFile(string pathInside, string contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Outside(pathInside))!);
        File.WriteAllText(Outside(pathInside), contents);
    }

    /// <summary>Copies the machine's <paramref name="file"/> to <paramref name="pathInside"/>.</summary>
    public void CopyIn(string file, string pathInside)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Outside(pathInside))!);
        File.Copy(file, Outside(pathInside), overwrite: true);
    }

    /// <summary>Every file below the root, as paths inside it: what the helper left there.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(directory.Path, "*", SearchOption.AllDirectories).Select(file => "/" + Path.GetRelativePath(directory.Path, file)).Order().ToList();

    /// <summary>One action of the helper, run in the root with <see cref="Environment"/> and nothing else.</summary>
    public Task<ProcessResult> RunAsync(string action, string? standardInput = null) =>
        mounts.RunAsync(
            ["/usr/sbin/chroot", directory.Path, Helper, action],
            new ProcessOptions { InheritEnvironment = false, Environment = Environment, StandardInput = standardInput, Timeout = CallLimit });

    public void Dispose()
    {
        mounts.Dispose();
        directory.Dispose();
    }
}
