namespace Ibmtp.IntegrationTests;

/// <summary>Puts something hostile where the helper expects one of its files, replacing what was there.</summary>
public static class Plant
{
    public static void Symlink(string path, string target)
    {
        Clear(path);
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>A named pipe with no writer: opening it for reading blocks until one appears.</summary>
    public static Task FifoAsync(string path) => RunAsync("mkfifo", ["-m", "600", path], path);

    /// <summary>A device node of /dev/zero itself (not a link to it), owner-only: endless zeros to a reader.</summary>
    public static Task DevZeroAsync(string path) => RunAsync("mknod", ["-m", "600", path, "c", "1", "5"], path);

    private static async Task RunAsync(string program, string[] arguments, string path)
    {
        Clear(path);
        var result = await ProcessRunner.RunAsync(program, arguments);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"could not plant {path}: {result}");
        }
    }

    private static void Clear(string path)
    {
        if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
        {
            Directory.Delete(path, recursive: true);
        }
        else if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!, OwnerOnly.Folder);
    }
}
