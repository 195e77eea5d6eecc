using Ibmtp.Configuration;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Logging;

/// <summary>The log: a rolling file in the XDG state folder, one information line per call by default, never a secret.</summary>
[TestFixture]
public class HelperLogTests : TempHomeFixture
{
    private const string DistinctiveApiKey = "ApiKey-7d2f90c4e1b84a5f9e3c6b1a";
    private const string DistinctiveStoredSecret = "StoredSecret-4b8e1f2a9c7d4e60b3a5";

    [Test]
    public void A_bad_IBMTP_LOG_LEVEL_fails_the_call_with_one_line()
    {
        Home.Variables["IBMTP_LOG_LEVEL"] = "loud";
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";

        HelperAssert.OneLineFailure(HelperRun.Run(Home, "get", "us.icr.io"));
    }

    [Test]
    public void By_default_each_call_writes_one_information_line_naming_the_action_the_host_and_the_source()
    {
        Home.Variables["IBMTP_API_KEY"] = DistinctiveApiKey;
        HelperRun.Run(Home, "get", "us.icr.io");
        HelperRun.Store(Home, "de.icr.io", "Profile-de", DistinctiveStoredSecret);
        HelperRun.Run(Home, "list");
        HelperRun.Run(Home, "erase", "de.icr.io");
        HelperRun.Run(Home, "get", "docker.io");

        var lines = LogLines();

        Assert.That(lines, Has.Length.EqualTo(5));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines, Has.All.Contain("[INF]"));
            Assert.That(lines, Has.None.Contain(DistinctiveApiKey));
            Assert.That(lines, Has.None.Contain(DistinctiveStoredSecret));
            Assert.That(lines[0], Does.Contain("get us.icr.io").And.Contain("environment"));
            Assert.That(lines[1], Does.Contain("store de.icr.io"));
            Assert.That(lines[2], Does.Contain("list"));
            Assert.That(lines[3], Does.Contain("erase de.icr.io"));
            Assert.That(lines[4], Does.Contain("get docker.io"));
        }
    }

    [Test]
    public void No_secret_reaches_the_log_at_debug_level()
    {
        Home.Variables["IBMTP_LOG_LEVEL"] = "debug";
        HelperRun.Store(Home, "us.icr.io", "Profile-1", DistinctiveStoredSecret);
        HelperRun.Run(Home, "get", "us.icr.io");
        HelperRun.Run(Home, "list");
        HelperRun.Store(Home, "docker.io", "user", DistinctiveStoredSecret);
        HelperRun.Run(Home, "store", $$"""{"ServerURL":"us.icr.io","Username":"u","Secret":"{{DistinctiveStoredSecret}}",""");
        Home.Variables["IBMTP_API_KEY"] = DistinctiveApiKey;
        HelperRun.Run(Home, "get", "us.icr.io");
        HelperRun.Run(Home, "get", "docker.io");
        HelperRun.Run(Home, "erase", "us.icr.io");
        HelperRun.Run(Home, "erase", "us.icr.io");

        Assert.That(LogLines(), Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SecretForms.FilesHolding(Home.Paths.StateFolder, DistinctiveApiKey), Is.Empty, "files holding the API key");
            Assert.That(SecretForms.FilesHolding(Home.Paths.StateFolder, DistinctiveStoredSecret), Is.Empty, "files holding the stored secret");
        }
    }

    [Test]
    public void Log_lines_never_reach_stdout_or_stderr()
    {
        Home.Variables["IBMTP_LOG_LEVEL"] = "debug";
        Home.Variables["IBMTP_API_KEY"] = "api-key-1";

        var result = HelperRun.Run(Home, "get", "us.icr.io");

        Assert.That(result.StdoutLines, Has.Length.EqualTo(1));
        Assert.That(result.Stderr, Is.Empty);
    }

    [Test]
    public void Log_files_are_0600_in_a_0700_folder_whatever_the_umask()
    {
        using (new PermissiveUmask())
            HelperRun.Run(Home, "list");

        Assert.That(LogFiles(), Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(File.GetUnixFileMode(Home.Paths.StateFolder), Is.EqualTo(FileModes.OwnerOnlyFolder));
            foreach (var file in LogFiles())
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(FileModes.OwnerOnlyFile), file);
        }
    }

    [Test]
    public void Level_off_creates_no_log_file()
    {
        Home.Variables["IBMTP_LOG_LEVEL"] = "off";

        HelperRun.Run(Home, "list");
        HelperRun.Run(Home, "get", "docker.io");

        Assert.That(LogFiles(), Is.Empty);
    }

    [Test]
    public void Level_error_writes_nothing_for_calls_that_succeed()
    {
        Home.Variables["IBMTP_LOG_LEVEL"] = "error";

        HelperRun.Run(Home, "list");

        Assert.That(LogLines(), Is.Empty);
    }

    private IEnumerable<string> LogFiles() => TempHome.FilesUnder(Home.Paths.StateFolder);

    private string[] LogLines() => [.. LogFiles().SelectMany(File.ReadAllLines).Where(line => line.Length > 0)];
}
