using System.Text;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A root file system that holds the published helper and only what a test puts in it, entered with
/// chroot: what the static binary finds in a scratch or distroless image, or, built by
/// <see cref="AlpineLikeRoot"/> or over a <see cref="DebianRoot"/>, in a musl-only or an older distribution.
/// /tmp is there, and /dev/null and (unless a test leaves it out) /dev/urandom are the machine's, bound
/// in a mount namespace of the root's own. Loopback is the machine's, so the IAM emulator and a test
/// registry are reachable.
/// Needs root, as <see cref="PrivateMountNamespace"/> does.
/// </summary>
public sealed class MinimalRoot : IDisposable
{
    /// <summary>Where the helper lies in an otherwise empty root.</summary>
    public const string BareHelper = "/docker-credential-ibmtp";

    /// <summary>Where the helper lies in a root that has a file system layout: on the usual PATH.</summary>
    public const string InstalledHelper = "/usr/local/bin/docker-credential-ibmtp";

    public const string NullDevice = "/dev/null";
    public const string RandomDevice = "/dev/urandom";

    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProgramLimit = TimeSpan.FromMinutes(2);

    private readonly TempDirectory directory;
    private readonly PrivateMountNamespace mounts;

    /// <summary>The root as processes in <see cref="mounts"/> see it: what chroot enters.</summary>
    private readonly string root;

    /// <summary>The root as this test process sees it.</summary>
    private readonly string outside;

    private MinimalRoot(TempDirectory directory, PrivateMountNamespace mounts, string root, string outside, string helper)
    {
        this.directory = directory;
        this.mounts = mounts;
        this.root = root;
        this.outside = outside;
        Helper = helper;
    }

    /// <summary>The helper's path inside the root.</summary>
    public string Helper { get; }

    /// <summary>The whole environment of what runs in the root: its HOME inside the root, and what a test adds.</summary>
    public Dictionary<string, string> Environment { get; } = new() { ["HOME"] = "/home" };

    public string Home => Environment["HOME"];

    /// <summary>
    /// An empty root that holds the helper at <paramref name="helper"/>, /tmp, HOME and the two devices, or
    /// with <paramref name="randomDevice"/> false only /dev/null: a chroot made by hand often lacks /dev/urandom.
    /// </summary>
    public static async Task<MinimalRoot> CreateAsync(string helper = BareHelper, bool randomDevice = true)
    {
        var directory = new TempDirectory("ibmtp-root");
        string[] devices = randomDevice ? [NullDevice, RandomDevice] : [NullDevice];
        return await FurnishAsync(new MinimalRoot(directory, await PrivateMountNamespace.CreateAsync(), directory.Path, directory.Path, helper), devices);
    }

    /// <summary>
    /// A root whose files are <paramref name="tree"/>'s, which it never changes: an overlay of its own, in its
    /// mount namespace, takes what the test and the programs write. Holds the helper at <see cref="InstalledHelper"/>.
    /// </summary>
    public static async Task<MinimalRoot> CreateOverAsync(string tree)
    {
        var directory = new TempDirectory("ibmtp-root");
        var mounts = await PrivateMountNamespace.CreateAsync();
        var merged = directory.Subdirectory("merged");
        await mounts.MountAsync(
            "-t", "overlay", "overlay",
            "-o", $"lowerdir={tree},upperdir={directory.Subdirectory("upper")},workdir={directory.Subdirectory("work")}",
            merged);
        return await FurnishAsync(new MinimalRoot(directory, mounts, merged, mounts.Inside(merged), InstalledHelper), [NullDevice, RandomDevice]);
    }

    private static async Task<MinimalRoot> FurnishAsync(MinimalRoot root, IReadOnlyList<string> devices)
    {
        try
        {
            Directory.CreateDirectory(root.Outside("/tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
            Directory.CreateDirectory(root.Outside(root.Home), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            root.CopyIn(HelperBinary.Path, root.Helper);
            foreach (var device in devices)
            {
                await root.BindAsync(device, device);
            }

            return root;
        }
        catch
        {
            root.Dispose();
            throw;
        }
    }

    /// <summary>Where <paramref name="pathInside"/> is for this test process.</summary>
    public string Outside(string pathInside) => Path.Combine(outside, pathInside.TrimStart('/'));

    /// <summary>Writes <paramref name="pathInside"/>, with the folders it needs.</summary>
    public void WriteFile(string pathInside, string contents)
    {
        File.WriteAllText(ReplaceableOutside(pathInside), contents);
    }

    /// <summary>Copies the machine's <paramref name="file"/> to <paramref name="pathInside"/>, with its mode.</summary>
    public void CopyIn(string file, string pathInside)
    {
        File.Copy(file, ReplaceableOutside(pathInside), overwrite: true);
    }

    /// <summary>
    /// <paramref name="pathInside"/> seen from outside, its folder made and a symbolic link there removed: a
    /// distribution's root links files to absolute paths (Debian's /usr/lib/ssl/openssl.cnf to
    /// /etc/ssl/openssl.cnf), which, followed from outside the root, name the machine's own files.
    /// </summary>
    private string ReplaceableOutside(string pathInside)
    {
        var path = Outside(pathInside);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (new FileInfo(path).LinkTarget is not null)
            File.Delete(path);
        return path;
    }

    /// <summary>Makes the machine's <paramref name="file"/> (a device, say) appear at <paramref name="pathInside"/>, in the root's mount namespace only.</summary>
    public async Task BindAsync(string file, string pathInside)
    {
        if (!File.Exists(Outside(pathInside)))
        {
            WriteFile(pathInside, "");
        }

        await mounts.MountAsync("--bind", file, Path.Combine(root, pathInside.TrimStart('/')));
    }

    /// <summary>Every file below the root, as paths inside it: what the helper left there.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.EnumerateFiles(outside, "*", SearchOption.AllDirectories).Select(file => "/" + Path.GetRelativePath(outside, file)).Order().ToList();

    /// <summary>Paths inside the root of the files holding <paramref name="secret"/> in plain text or base64.</summary>
    public IReadOnlyList<string> FilesContainingSecret(string secret)
    {
        var patterns = SecretEncodings.Of(secret).Select(Encoding.UTF8.GetBytes).ToList();
        // Devices and sockets look like empty files, and reading /dev/urandom would never end.
        return Files()
            .Where(file => new FileInfo(Outside(file)).Length > 0)
            .Where(file =>
            {
                var bytes = File.ReadAllBytes(Outside(file));
                return patterns.Any(pattern => bytes.AsSpan().IndexOf(pattern) >= 0);
            })
            .ToList();
    }

    /// <summary>One action of the helper, run in the root with <see cref="Environment"/> and nothing else.</summary>
    public Task<ProcessResult> RunAsync(string action, string? standardInput = null) =>
        RunAsync([Helper, action], standardInput, Environment, CallLimit);

    /// <summary>
    /// <paramref name="command"/> (a program of the root and its arguments), run in the root with
    /// <see cref="Environment"/> and what <paramref name="environment"/> adds, nothing else.
    /// </summary>
    public Task<ProcessResult> RunProgramAsync(IReadOnlyList<string> command, string? standardInput = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var whole = new Dictionary<string, string>(Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            whole[name] = value;
        }

        return RunAsync(command, standardInput, whole, ProgramLimit);
    }

    private Task<ProcessResult> RunAsync(IReadOnlyList<string> command, string? standardInput, IReadOnlyDictionary<string, string> environment, TimeSpan limit) =>
        mounts.RunAsync(
            ["/usr/sbin/chroot", root, .. command],
            new ProcessOptions { InheritEnvironment = false, Environment = environment, StandardInput = standardInput, Timeout = limit });

    public void Dispose()
    {
        // The holder's end takes the overlay and the binds with it, before its folders are deleted.
        mounts.Dispose();
        directory.Dispose();
    }
}
