using NUnit.Framework;

namespace Ibmtp.IntegrationTests;

/// <summary>
/// The target of a planted symlink: a file (or a folder holding one) with unique content and an old
/// modification time, or nothing at all, so a test can prove the helper never wrote through the link.
/// </summary>
public sealed class Sentinel
{
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private Sentinel(string path, bool isFolder, bool exists)
    {
        Path = path;
        IsFolder = isFolder;
        Exists = exists;
    }

    public string Path { get; }

    public bool IsFolder { get; }

    public bool Exists { get; }

    /// <summary>Unique text that must never reach the helper's output.</summary>
    public string Content { get; } = $"sentinel-{Guid.NewGuid():N}";

    private string File => IsFolder ? System.IO.Path.Combine(Path, "sentinel") : Path;

    /// <summary>A target in a folder of its own outside the helper's folders: a file, or a folder holding one.</summary>
    public static Sentinel Create(string folder, bool isFolder)
    {
        var sentinel = new Sentinel(System.IO.Path.Combine(folder, "target"), isFolder, exists: true);
        if (isFolder)
        {
            Directory.CreateDirectory(sentinel.Path, OwnerOnly.Folder);
        }

        System.IO.File.WriteAllText(sentinel.File, sentinel.Content);
        System.IO.File.SetLastWriteTimeUtc(sentinel.File, LongAgo);
        if (isFolder)
        {
            Directory.SetLastWriteTimeUtc(sentinel.Path, LongAgo);
        }

        return sentinel;
    }

    /// <summary>A target that does not exist, as a dangling link has.</summary>
    public static Sentinel Missing(string folder, bool isFolder) => new(System.IO.Path.Combine(folder, "target"), isFolder, exists: false);

    public void AssertUntouched(string context)
    {
        if (!Exists)
        {
            Assert.That(System.IO.File.Exists(Path) || Directory.Exists(Path), Is.False, $"{context}: the link's missing target {Path} was created");
            return;
        }

        Assert.That(System.IO.File.ReadAllText(File), Is.EqualTo(Content), $"{context}: the link's target was written through");
        Assert.That(System.IO.File.GetLastWriteTimeUtc(File), Is.EqualTo(LongAgo), $"{context}: the link's target was modified");
        if (IsFolder)
        {
            Assert.That(HelperFiles.Entries(Path), Is.EquivalentTo(new[] { "sentinel" }), $"{context}: files were created in the link's target folder");
        }
    }

    public override string ToString() => Exists ? (IsFolder ? "an existing folder" : "an existing file") : "a missing target";
}
