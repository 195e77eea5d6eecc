using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>Checks the helper's rule: every folder it creates is 0700 and every file 0600.</summary>
public static class OwnerOnly
{
    public const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Asserts <paramref name="folder"/> and everything below it are owner-only.</summary>
    public static void AssertTree(string folder)
    {
        Assert.That(Directory.Exists(folder), $"{folder} should exist");
        var entries = new[] { new DirectoryInfo(folder) }
            .Concat<FileSystemInfo>(new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            .ToList();
        var wrong = entries
            .Where(entry => entry.UnixFileMode != (entry is DirectoryInfo ? Folder : File))
            .Select(entry => $"{entry.FullName} {Octal(entry.UnixFileMode)}")
            .ToList();
        Assert.That(wrong, Is.Empty, $"folders must be 0700 and files 0600; all entries:\n{string.Join("\n", entries.Select(entry => $"{entry.FullName} {Octal(entry.UnixFileMode)}"))}");
    }

    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
