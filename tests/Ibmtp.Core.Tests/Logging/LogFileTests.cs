using System.Text.RegularExpressions;
using Ibmtp.Configuration;
using Ibmtp.Logging;
using Ibmtp.Tests.Support;
using Serilog;

namespace Ibmtp.Tests.Logging;

[TestFixture]
public sealed class LogFileTests : TempHomeFixture
{
    [Test]
    public void The_log_rolls_at_its_size_limit_and_keeps_a_bounded_number_of_files()
    {
        var folder = Home.Paths.StateFolder;
        var line = new string('x', 1000);
        using (var file = HelperLog.Create(LogLevel.Information, folder))
        {
            // Enough for about eight files' worth, so both limits come into play.
            for (var i = 0; i < 8 * HelperLog.FileSizeLimit / line.Length; i++)
                file.Information("{Line}", line);
        }

        var files = Directory.GetFiles(folder);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(files, Has.Length.EqualTo(HelperLog.RetainedFiles));
            // Serilog rolls once a file has reached the limit, so the last line may run past it.
            foreach (var file in files)
                Assert.That(new FileInfo(file).Length, Is.LessThan(HelperLog.FileSizeLimit + 2 * line.Length), file);
        }
    }

    [Test]
    public void A_log_folder_that_cannot_be_created_never_fails_the_call()
    {
        Home.Variables["XDG_STATE_HOME"] = Home.WriteFile("not-a-folder", "a file where the state folder should be");
        Home.Variables["IBMTP_API_KEY"] = "key-0123456789";

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.Succeeds(result);
    }

    [Test]
    public void Lines_from_many_writers_at_once_are_each_whole_and_none_is_lost()
    {
        // Each logger has its own open file, as each helper process has.
        const int writers = 8, linesEach = 400;
        var folder = Home.Paths.StateFolder;
        var padding = new string('p', 300);
        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, writer =>
        {
            using var file = HelperLog.Create(LogLevel.Information, folder);
            for (var i = 0; i < linesEach; i++)
                file.Information("writer {Writer} line {Line} {Padding} end", writer, i, padding);
        });

        // About 1.2 MiB in all, so the file also rolls while they write.
        var lines = Directory.GetFiles(folder).SelectMany(File.ReadAllLines).ToList();
        var whole = new Regex($@"^\S+ \[INF\] \(\d+\) writer \d line \d+ {padding} end$");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Has.Count.EqualTo(writers * linesEach));
            Assert.That(lines.Where(line => !whole.IsMatch(line)), Is.Empty, "torn or mixed lines");
        }
    }

    [Test]
    public void The_log_rolls_to_numbered_files_beside_it()
    {
        var folder = Home.Paths.StateFolder;
        using (var file = HelperLog.Create(LogLevel.Information, folder))
        {
            for (var i = 0; i < 1.5 * HelperLog.FileSizeLimit / 1000; i++)
                file.Information("{Line}", new string('y', 1000));
        }

        Assert.That(Directory.GetFiles(folder).Select(Path.GetFileName), Is.EquivalentTo(new[] { "ibmtp.log", "ibmtp.1.log" }));
    }

    [Test]
    public void A_log_file_planted_as_a_link_is_not_written_through()
    {
        var victim = Home.WriteFile("victim.txt", "unchanged");
        Directory.CreateDirectory(Home.Paths.StateFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.CreateSymbolicLink(Path.Combine(Home.Paths.StateFolder, HelperLog.FileName), victim);
        Home.Variables["IBMTP_LOG_LEVEL"] = "debug";
        Home.Variables["IBMTP_API_KEY"] = "key-for-the-link-test";

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        HelperAssert.Succeeds(result);
        Assert.That(File.ReadAllText(victim), Is.EqualTo("unchanged"));
    }

    [TestCase("docker.io")]
    [TestCase("us.icr.io")]
    public void A_fifo_as_the_log_file_never_blocks_a_call(string host)
    {
        SpecialFiles.MakeFifo(Path.Combine(Home.Paths.StateFolder, HelperLog.FileName));
        Home.Variables["IBMTP_API_KEY"] = "key-for-the-fifo-test";

        var result = SpecialFiles.Within(TimeSpan.FromSeconds(5), () => HelperRun.Run(Home, "get", host));

        if (host == "docker.io")
            HelperAssert.NotFound(result);
        else
            HelperAssert.Succeeds(result);
    }
}
