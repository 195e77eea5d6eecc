using System.Text;
using System.Text.Json.Nodes;
using Ibmtp.Configuration;
using Ibmtp.Keystores;
using Ibmtp.Testing;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// A throwaway HOME for one test: every per-user directory the helper and the clients use lies inside
/// it, and <see cref="Environment"/> is the complete environment of every child process, so nothing
/// of the real user's configuration leaks in and nothing the test writes leaks out. It is the unit
/// tests' <see cref="TempHome"/>, with the PATH, folders and client files the child processes need.
/// </summary>
public sealed class TestHome : IDisposable
{
    private const string SystemPath = "/usr/bin:/bin:/usr/sbin:/sbin";
    private readonly TempHome home;

    public TestHome()
    {
        // Resolved first: a helper that fails to publish must not leave a directory behind.
        var helper = HelperBinary.Path;
        home = new TempHome();
        BinDirectory = Subdirectory("bin");
        File.CreateSymbolicLink(System.IO.Path.Combine(BinDirectory, HelperBinary.FileName), helper);
        DockerConfigDirectory = Subdirectory(".docker");

        Environment = home.Variables;
        foreach (var folder in new[] { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR" })
            Directory.CreateDirectory(Environment[folder]);
        RuntimeDirectory = Environment["XDG_RUNTIME_DIR"];
        File.SetUnixFileMode(RuntimeDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Environment["PATH"] = $"{BinDirectory}:{SystemPath}";
        Environment["TMPDIR"] = Subdirectory("tmp");
        // skopeo and podman read credHelpers here too, after their own auth file.
        Environment["DOCKER_CONFIG"] = DockerConfigDirectory;
        Environment["REGISTRY_AUTH_FILE"] = ContainersAuthFile;
    }

    /// <summary>The HOME directory itself.</summary>
    public string Path => home.Root;

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
    public string Subdirectory(params string[] names) => home.Subdirectory(names);

    /// <summary>The store of that kind as the helper opens it in this home, with every variable a test added.</summary>
    public IKeystore OpenKeystore(KeystoreKind kind) => home.OpenKeystore(kind);

    /// <summary>Makes the docker CLI use the ibmtp helper for <paramref name="hosts"/>.</summary>
    public void WriteDockerConfig(params string[] hosts) => WriteCredHelpers(DockerConfigFile, hosts);

    /// <summary>
    /// Makes podman and skopeo use the ibmtp helper for <paramref name="hosts"/>. They only store through
    /// a helper named in the auth file they write to: credHelpers in $DOCKER_CONFIG/config.json alone are
    /// read but not written through, and podman login would then put the secret in the auth file.
    /// </summary>
    public void WriteContainersAuth(params string[] hosts) => WriteCredHelpers(ContainersAuthFile, hosts);

    /// <summary>Writes <paramref name="file"/>, a docker config or containers auth file, naming the ibmtp helper for <paramref name="hosts"/> and nothing else.</summary>
    public static void WriteCredHelpers(string file, params string[] hosts)
    {
        var credHelpers = new JsonObject();
        foreach (var host in hosts)
        {
            credHelpers[host] = "ibmtp";
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, new JsonObject { ["credHelpers"] = credHelpers }.ToJsonString());
    }

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

    public void Dispose() => home.Dispose();

    private List<string> FilesContainingAny(IReadOnlyList<string> needles)
    {
        var patterns = needles.Select(Encoding.UTF8.GetBytes).ToList();
        return AllFileBytes()
            .Where(file => patterns.Any(pattern => file.Value.AsSpan().IndexOf(pattern) >= 0))
            .Select(file => file.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
