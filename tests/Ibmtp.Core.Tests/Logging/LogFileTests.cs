using Ibmtp.Configuration;
using Ibmtp.Logging;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Logging;

[TestFixture]
public sealed class LogFileTests : TempHomeFixture
{
    [Test]
    public void The_log_rolls_at_its_size_limit_and_keeps_a_bounded_number_of_files()
    {
        var folder = Home.Paths.StateFolder;
        var line = new string('x', 1000);
        using (var log = HelperLog.Create(LogLevel.Information, folder))
        {
            // Enough for about eight files' worth, so both limits come into play.
            for (var i = 0; i < 8 * HelperLog.FileSizeLimit / line.Length; i++)
                log.Information("{Line}", line);
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
}
