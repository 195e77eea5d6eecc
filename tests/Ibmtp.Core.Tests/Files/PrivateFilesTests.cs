using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Files;

/// <summary>Every folder the helper creates is 0700 and every file 0600, whatever the umask.</summary>
[TestFixture]
public class PrivateFilesTests : TempHomeFixture
{
    [Test]
    public void Every_folder_and_file_the_helper_creates_is_owner_only_whatever_the_umask()
    {
        Home.Variables["IBMTP_LOG_LEVEL"] = "debug";
        using (new PermissiveUmask())
        {
            HelperAssert.Succeeds(HelperRun.Store(Home, "us.icr.io", "Profile-1", "secret-1"));
            HelperAssert.Succeeds(HelperRun.Run(Home, "get", "us.icr.io"));
            HelperAssert.Succeeds(HelperRun.Run(Home, "list"));
            HelperAssert.Succeeds(HelperRun.Run(Home, "erase", "us.icr.io"));
        }

        var folders = Directory.GetDirectories(Home.Root, "*", SearchOption.AllDirectories);
        var files = TempHome.FilesUnder(Home.Root).ToList();
        Assert.That(files, Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            foreach (var folder in folders)
                Assert.That(File.GetUnixFileMode(folder), Is.EqualTo(FileModes.OwnerOnlyFolder), folder);
            foreach (var file in files)
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(FileModes.OwnerOnlyFile), file);
        }
    }
}
