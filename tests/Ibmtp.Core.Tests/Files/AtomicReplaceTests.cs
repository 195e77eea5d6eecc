using Ibmtp.Files;

namespace Ibmtp.Tests.Files;

/// <summary>
/// A write that replaces a file only while it is unchanged keeps another program's write, even when
/// that program replaces the file between the last look and the rename, as docker saves config.json.
/// </summary>
[TestFixture]
public class AtomicReplaceTests
{
    private string folder = null!;

    [SetUp]
    public void CreateFolder() => folder = Directory.CreateTempSubdirectory("ibmtp-replace").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(folder, recursive: true);

    [Test]
    public void A_file_replaced_after_the_last_look_keeps_the_other_programs_write()
    {
        var path = Path.Combine(folder, "config.json");
        File.WriteAllText(path, "read");
        var looks = 0;

        var written = PrivateFiles.WriteAtomically(path, "ours"u8, overwrite: true, isStillWanted: file =>
        {
            var unchanged = File.ReadAllText(file) == "read";
            if (looks++ == 0)
                ReplaceAsDockerDoes(path, "theirs");
            return unchanged;
        });

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.False, "the write is called off, so that the caller reads the file again");
            Assert.That(File.ReadAllText(path), Is.EqualTo("theirs"));
            Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { path }), "no temporary file is left");
        });
    }

    [Test]
    public void A_file_unchanged_is_replaced()
    {
        var path = Path.Combine(folder, "config.json");
        File.WriteAllText(path, "read");

        var written = PrivateFiles.WriteAtomically(path, "ours"u8, overwrite: true, isStillWanted: file => File.ReadAllText(file) == "read");

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.True);
            Assert.That(File.ReadAllText(path), Is.EqualTo("ours"));
            Assert.That(Directory.GetFiles(folder), Is.EqualTo(new[] { path }));
        });
    }

    private static void ReplaceAsDockerDoes(string path, string content)
    {
        var temporary = path + ".docker";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
