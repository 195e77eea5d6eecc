using System.Diagnostics;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A mount namespace of its own, held open by a sleeping process, where a test can mount a read-only
/// view of its HOME or a small tmpfs without touching the machine's mounts. Helpers run inside it
/// through nsenter; the test reads its files through <see cref="Inside"/>. Needs root (CAP_SYS_ADMIN).
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

        var holder = Process.Start(new ProcessStartInfo("unshare", ["--mount", "--propagation", "private", "--", "sleep", "3600"]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start unshare");
        var ours = File.ResolveLinkTarget("/proc/self/ns/mnt", returnFinalTarget: false)?.ToString();
        var clock = Stopwatch.StartNew();
        // The namespace is ready once unshare has made it and exec'd sleep.
        while (File.ResolveLinkTarget($"/proc/{holder.Id}/ns/mnt", returnFinalTarget: false)?.ToString() == ours
            || File.ReadAllText($"/proc/{holder.Id}/comm").Trim() != "sleep")
        {
            if (holder.HasExited || clock.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"unshare --mount did not start a namespace (exit {(holder.HasExited ? holder.ExitCode : -1)})");
            }

            await Task.Delay(10);
        }

        return new PrivateMountNamespace(holder);
    }

    /// <summary>Runs mount inside the namespace; throws when it fails.</summary>
    public async Task MountAsync(params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("nsenter", ["--target", $"{holder.Id}", "--mount", "--", "mount", .. arguments]);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"mount failed: {result}");
        }
    }

    /// <summary>A read-only view of <paramref name="folder"/>, in this namespace only.</summary>
    public Task MountReadOnlyAsync(string folder) => MountAsync("--bind", "-o", "ro", folder, folder);

    /// <summary>An empty tmpfs of <paramref name="kibibytes"/> KiB over <paramref name="folder"/>, in this namespace only.</summary>
    public Task MountTmpfsAsync(string folder, int kibibytes) => MountAsync("-t", "tmpfs", "-o", $"size={kibibytes}k,mode=0700", "tmpfs", folder);

    /// <summary>One protocol action of the helper of <paramref name="home"/>, run inside the namespace; a run past <paramref name="limit"/> is killed and throws.</summary>
    public Task<ProcessResult> RunHelperAsync(TestHome home, TimeSpan limit, string action, string? standardInput = null) =>
        ProcessRunner.RunAsync(
            "/usr/bin/nsenter",
            ["--target", $"{holder.Id}", "--mount", "--", HelperBinary.Path, action],
            new ProcessOptions { InheritEnvironment = false, Environment = home.Environment, StandardInput = standardInput, Timeout = limit });

    /// <summary><paramref name="path"/> as processes in the namespace see it, for the test to read.</summary>
    public string Inside(string path) => $"/proc/{holder.Id}/root{path}";

    public void Dispose()
    {
        holder.Kill();
        holder.WaitForExit();
        holder.Dispose();
    }
}
