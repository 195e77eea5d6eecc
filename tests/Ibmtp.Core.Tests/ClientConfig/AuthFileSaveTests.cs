using Ibmtp.ClientConfig;
using Ibmtp.Files;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.ClientConfig;

/// <summary>
/// <see cref="AuthFile.Save"/> shares the file with the clients and with other runs of the helper:
/// it loses none of their writes and leaves none of its own temporaries.
/// </summary>
[TestFixture]
public sealed class AuthFileSaveTests : TempHomeFixture
{
    private const string DockerLogin = """{"auths":{"quay.io":{"auth":"eA=="}}}""";

    private string DockerFile => Path.Combine(Home.Root, ".docker", "config.json");

    private static void NameHelper(AuthFile file) => file.NameHelper("us.icr.io", "ibmtp", out _);

    /// <summary>Writes the file as the docker CLI saves it: a temporary file renamed into place.</summary>
    private void WriteAsDockerDoes(string content)
    {
        var temporary = DockerFile + ".docker-tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, DockerFile, overwrite: true);
    }

    [Test]
    public void A_login_written_after_the_file_was_read_is_kept()
    {
        Home.WriteFile(DockerFile, """{"auths":{}}""");
        var file = AuthFile.Read(DockerFile);
        NameHelper(file);
        WriteAsDockerDoes(DockerLogin);

        file.Save(NameHelper);

        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo("""{"auths":{"quay.io":{"auth":"eA=="}},"credHelpers":{"us.icr.io":"ibmtp"}}"""));
    }

    [Test]
    public void A_login_written_while_the_change_was_made_is_kept_as_the_change_is_made_again()
    {
        Home.WriteFile(DockerFile, """{"auths":{}}""");
        var file = AuthFile.Read(DockerFile);
        NameHelper(file);
        var attempts = 0;

        file.Save(current =>
        {
            if (attempts++ == 0)
                WriteAsDockerDoes(DockerLogin);
            NameHelper(current);
        });

        Assert.That(attempts, Is.EqualTo(2));
        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo("""{"auths":{"quay.io":{"auth":"eA=="}},"credHelpers":{"us.icr.io":"ibmtp"}}"""));
    }

    [Test]
    public void A_file_that_changes_at_every_attempt_is_left_to_its_writer_with_a_one_line_error()
    {
        Home.WriteFile(DockerFile, """{"auths":{}}""");
        var file = AuthFile.Read(DockerFile);
        NameHelper(file);
        var attempts = 0;

        var error = Assert.Throws<HelperException>(() => file.Save(current =>
        {
            WriteAsDockerDoes("{\"auths\":{\"r" + attempts++ + ".example.com\":{}}}");
            NameHelper(current);
        }));

        Assert.That(error!.Message, Is.EqualTo($"{DockerFile} changed each of the 10 times it was about to be written, so another program is writing it: run this again once that is done; the file was left as it was"));
        Assert.That(File.ReadAllText(DockerFile), Is.EqualTo("""{"auths":{"r9.example.com":{}}}"""));
    }

    [Test]
    public void A_save_waits_while_another_run_holds_the_files_lock()
    {
        const string before = """{"auths":{}}""";
        Home.WriteFile(DockerFile, before);
        var file = AuthFile.Read(DockerFile);
        NameHelper(file);

        Task saving;
        using (FileLock.Acquire(DockerFile + ".lock", TimeSpan.FromSeconds(1), TimeProvider.System))
        {
            saving = Task.Run(() => file.Save(NameHelper));
            Thread.Sleep(300);
            Assert.That(saving.IsCompleted, Is.False);
            Assert.That(File.ReadAllText(DockerFile), Is.EqualTo(before));
        }

        Assert.That(saving.Wait(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(File.ReadAllText(DockerFile), Does.Contain("\"us.icr.io\":\"ibmtp\""));
    }

    [Test]
    public void What_a_killed_run_left_beside_the_file_is_removed_by_the_next_run_even_one_with_nothing_to_change()
    {
        Home.WriteFile(DockerFile, """{"credHelpers":{"us.icr.io":"ibmtp"}}""");
        string[] leftovers = [DockerFile + ".0123456789abcdef0123456789abcdef.tmp", DockerFile + ".bak.fedcba9876543210fedcba9876543210.tmp"];
        string[] others = [DockerFile + ".mine.tmp", Path.Combine(Path.GetDirectoryName(DockerFile)!, "other.json.0123456789abcdef0123456789abcdef.tmp")];
        foreach (var path in leftovers.Concat(others))
            File.WriteAllText(path, DockerLogin);
        var file = AuthFile.Read(DockerFile);
        NameHelper(file);

        file.Save(NameHelper);

        Assert.That(file.Changed, Is.False);
        Assert.That(leftovers.Where(File.Exists), Is.Empty);
        Assert.That(others.Where(File.Exists), Is.EqualTo(others));
    }
}
