namespace Ibmtp.IntegrationTests;

/// <summary>A fresh owner-only directory under /tmp, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    // Short and fixed rather than $TMPDIR: unix socket paths below it must stay under 108 bytes.
    private const string Parent = "/tmp";

    public TempDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(Parent, $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Path { get; }

    /// <summary>Creates (if needed) and returns a directory below this one.</summary>
    public string Subdirectory(params string[] names)
    {
        var directory = System.IO.Path.Combine([Path, .. names]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
