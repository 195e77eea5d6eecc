using System.Text;
using System.Text.Json.Nodes;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A throwaway HOME for one test: every per-user directory the helper and the clients use lies inside
/// it, and <see cref="Environment"/> is the complete environment of every child process, so nothing
/// of the real user's configuration leaks in and nothing the test writes leaks out.
/// </summary>
public sealed class TestHome : IDisposable
{
    private const string SystemPath = "/usr/bin:/bin:/usr/sbin:/sbin";
    private readonly TempDirectory root;

    public TestHome()
    {
        // Resolved first: a helper that fails to publish must not leave a directory behind.
        var helper = HelperBinary.Path;
        root = new TempDirectory("ibmtp-home");
        BinDirectory = root.Subdirectory("bin");
        File.CreateSymbolicLink(System.IO.Path.Combine(BinDirectory, HelperBinary.FileName), helper);
        RuntimeDirectory = root.Subdirectory("run");
        File.SetUnixFileMode(RuntimeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        DockerConfigDirectory = root.Subdirectory(".docker");

        Environment = new Dictionary<string, string>
        {
            ["PATH"] = $"{BinDirectory}:{SystemPath}",
            ["HOME"] = Path,
            ["TMPDIR"] = root.Subdirectory("tmp"),
            ["XDG_CONFIG_HOME"] = root.Subdirectory(".config"),
            ["XDG_DATA_HOME"] = root.Subdirectory(".local", "share"),
            ["XDG_STATE_HOME"] = root.Subdirectory(".local", "state"),
            ["XDG_CACHE_HOME"] = root.Subdirectory(".cache"),
            ["XDG_RUNTIME_DIR"] = RuntimeDirectory,
            // skopeo and podman read credHelpers here too, after their own auth file.
            ["DOCKER_CONFIG"] = DockerConfigDirectory,
            ["REGISTRY_AUTH_FILE"] = ContainersAuthFile,
        };
    }

    /// <summary>The HOME directory itself.</summary>
    public string Path => root.Path;

    /// <summary>First on PATH; holds docker-credential-ibmtp, a link to <see cref="HelperBinary"/>.</summary>
    public string BinDirectory { get; }

    /// <summary>XDG_RUNTIME_DIR, owner-only as the XDG base directory spec requires.</summary>
    public string RuntimeDirectory { get; }

    /// <summary>DOCKER_CONFIG.</summary>
    public string DockerConfigDirectory { get; }

    public string DockerConfigFile => System.IO.Path.Combine(DockerConfigDirectory, "config.json");

    /// <summary>
    /// REGISTRY_AUTH_FILE; also the path podman and skopeo use by default when XDG_RUNTIME_DIR is set,
    /// so they agree on it with or without --authfile.
    /// </summary>
    public string ContainersAuthFile => System.IO.Path.Combine(RuntimeDirectory, "containers", "auth.json");

    /// <summary>The environment of every child process; a test may add to it.</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>A directory below HOME, created if needed.</summary>
    public string Subdirectory(params string[] names) => root.Subdirectory(names);

    /// <summary>Makes the docker CLI use the ibmtp helper for <paramref name="hosts"/>.</summary>
    public void WriteDockerConfig(params string[] hosts) => WriteCredHelpers(DockerConfigFile, hosts);

    /// <summary>
    /// Makes podman and skopeo use the ibmtp helper for <paramref name="hosts"/>. They only store through
    /// a helper named in the auth file they write to: credHelpers in $DOCKER_CONFIG/config.json alone are
    /// read but not written through, and podman login would then put the secret in the auth file.
    /// </summary>
    public void WriteContainersAuth(params string[] hosts) => WriteCredHelpers(ContainersAuthFile, hosts);

    /// <summary>
    /// Every non-empty file below HOME with its content, keyed by its path relative to HOME. Links are
    /// not followed (bin/ links to the helper binary), and empty entries are skipped because sockets and
    /// FIFOs look like empty files and opening a FIFO would block.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> AllFileBytes() =>
        new DirectoryInfo(Path)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(file => file.Length > 0)
            .ToDictionary(file => System.IO.Path.GetRelativePath(Path, file.FullName), file => File.ReadAllBytes(file.FullName));

    /// <summary>Paths, relative to HOME, of the files whose bytes contain <paramref name="needle"/> in UTF-8.</summary>
    public IReadOnlyList<string> FilesContaining(string needle) => FilesContainingAny([needle]);

    /// <summary>Paths, relative to HOME, of the files holding <paramref name="secret"/> in plain text or base64.</summary>
    public IReadOnlyList<string> FilesContainingSecret(string secret) => FilesContainingAny(SecretEncodings.Of(secret));

    public void Dispose() => root.Dispose();

    private List<string> FilesContainingAny(IReadOnlyList<string> needles)
    {
        var patterns = needles.Select(Encoding.UTF8.GetBytes).ToList();
        return AllFileBytes()
            .Where(file => patterns.Any(pattern => file.Value.AsSpan().IndexOf(pattern) >= 0))
            .Select(file => file.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static void WriteCredHelpers(string file, string[] hosts)
    {
        var credHelpers = new JsonObject();
        foreach (var host in hosts)
        {
            credHelpers[host] = "ibmtp";
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, new JsonObject { ["credHelpers"] = credHelpers }.ToJsonString());
    }
}
