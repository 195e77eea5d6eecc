using System.Diagnostics;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A mount namespace of its own, held open by a sleeping process, where a test can mount a read-only
/// view of its HOME, a small tmpfs or a hosts file without touching the machine's mounts. Helpers run inside it
/// through nsenter (with the holder's root too: entering a mount namespace resets the root to the
/// namespace's own, which in a chroot is not the test's); the test reads its files through
/// <see cref="Inside"/>. Needs root (CAP_SYS_ADMIN).
/// </summary>
public sealed class PrivateMountNamespace : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly Process holder;

    private PrivateMountNamespace(Process holder) => this.holder = holder;

    public static async Task<PrivateMountNamespace> CreateAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("mounting a read-only HOME or a small tmpfs needs root: run the integration tests as root, as CI does");
        }

        // "private" makes every mount private first, so nothing mounted here reaches the machine. In a
        // chroot (a fresh build root, say) "/" is no mount point and that fails; there the mounts may be
        // left as they are, provided none propagates anywhere.
        var holder = await StartHolderAsync("private")
            ?? (NoMountPropagates() ? await StartHolderAsync("unchanged") : null)
            ?? throw new InvalidOperationException("unshare --mount could not make a private mount namespace");
        return new PrivateMountNamespace(holder);
    }

    /// <summary>A process holding a new mount namespace made with <paramref name="propagation"/>, or null when unshare fails.</summary>
    private static async Task<Process?> StartHolderAsync(string propagation)
    {
        var holder = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--propagation", propagation, "--", "sleep", "3600"]) { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException("could not start unshare");
        var ours = File.ResolveLinkTarget("/proc/self/ns/mnt", returnFinalTarget: false)?.ToString();
        var clock = Stopwatch.StartNew();
        // The namespace is ready once unshare has made it and exec'd sleep.
        while (!holder.HasExited && (Namespace(holder) == ours || Command(holder) != "sleep"))
        {
            if (clock.Elapsed > StartTimeout)
            {
                holder.Kill();
                throw new InvalidOperationException($"unshare --mount --propagation {propagation} did not start within {StartTimeout.TotalSeconds} s");
            }

            await Task.Delay(10);
        }

        if (holder.HasExited)
        {
            holder.Dispose();
            return null;
        }

        return holder;
    }

    private static string? Namespace(Process process)
    {
        try
        {
            return File.ResolveLinkTarget($"/proc/{process.Id}/ns/mnt", returnFinalTarget: false)?.ToString();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? Command(Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>No mount of this machine is shared or a slave, so a mount made in a copied namespace reaches no other.</summary>
    private static bool NoMountPropagates() =>
        File.ReadLines("/proc/self/mountinfo").All(line => !line.Contains(" shared:", StringComparison.Ordinal) && !line.Contains(" master:", StringComparison.Ordinal));

    /// <summary>Runs mount inside the namespace; throws when it fails.</summary>
    public async Task MountAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("nsenter", ["--target", $"{holder.Id}", "--mount", "--root", "--", "mount", .. arguments]);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"mount failed: {result}");
        }
    }

    /// <summary>A read-only view of <paramref name="folder"/>, in this namespace only.</summary>
    public Task MountReadOnlyAsync(string folder) => MountAsync("--bind", "-o", "ro", folder, folder);

    /// <summary>An empty tmpfs of <paramref name="kibibytes"/> KiB over <paramref name="folder"/>, in this namespace only.</summary>
    public Task MountTmpfsAsync(string folder, int kibibytes) => MountAsync("-t", "tmpfs", "-o", $"size={kibibytes}k,mode=0700", "tmpfs", folder);

    /// <summary>
    /// An /etc/hosts, in this namespace only, that maps <paramref name="names"/> to 127.0.0.1 besides localhost: names
    /// the helper then reaches directly, as it would a remote host. The file is written in <paramref name="folder"/>.
    /// </summary>
    public async Task MountHostsFileAsync(string folder, params string[] names)
    {
        var file = System.IO.Path.Combine(folder, "hosts");
        await File.WriteAllTextAsync(file, $"127.0.0.1\tlocalhost {string.Join(' ', names)}\n::1\tlocalhost\n");
        await MountAsync("--bind", "-o", "ro", file, "/etc/hosts");
    }

    /// <summary>One protocol action of the helper of <paramref name="home"/>, run inside the namespace; a run past <paramref name="limit"/> is killed and throws.</summary>
    public Task<ProcessResult> RunHelperAsync(TestHome home, TimeSpan limit, string action, string? standardInput = null) =>
        RunAsync([HelperBinary.Path, action], new ProcessOptions { InheritEnvironment = false, Environment = home.Environment, StandardInput = standardInput, Timeout = limit });

    /// <summary><paramref name="command"/> (an absolute path and its arguments), run inside the namespace.</summary>
    public Task<ProcessResult> RunAsync(IEnumerable<string> command, ProcessOptions options) =>
        ProcessRunner.RunAsync("/usr/bin/nsenter", ["--target", $"{holder.Id}", "--mount", "--root", "--", .. command], options);

    /// <summary><paramref name="path"/> as processes in the namespace see it, for the test to read.</summary>
    public string Inside(string path) => $"/proc/{holder.Id}/root{path}";

    public void Dispose()
    {
        holder.Kill();
        holder.WaitForExit();
        holder.Dispose();
    }
}
