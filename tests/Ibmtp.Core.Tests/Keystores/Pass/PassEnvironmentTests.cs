using Ibmtp.Keystores.Pass;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Keystores.Pass;

[TestFixture]
public class PassEnvironmentTests : TempHomeFixture
{
    [Test]
    public void The_store_is_PASSWORD_STORE_DIR_when_set()
    {
        Home.Variables["PASSWORD_STORE_DIR"] = "/srv/store";

        Assert.That(new PassEnvironment(Home.Environment).StoreFolder, Is.EqualTo("/srv/store"));
    }

    [Test]
    public void The_store_is_the_password_store_folder_in_HOME_by_default()
    {
        Assert.That(new PassEnvironment(Home.Environment).StoreFolder, Is.EqualTo(Path.Combine(Home.Root, ".password-store")));
    }

    [Test]
    public void The_child_sees_what_pass_gpg_and_git_read_from_the_given_environment_and_nothing_else()
    {
        Home.Variables["PATH"] = "/opt/bin:/usr/bin";
        Home.Variables["GNUPGHOME"] = "/srv/gnupg";
        Home.Variables["PASSWORD_STORE_DIR"] = "/srv/store";
        Home.Variables["PASSWORD_STORE_KEY"] = "ops@example.com";
        Home.Variables["GPG_TTY"] = "/dev/pts/3";
        Home.Variables["IBMTP_KEYSTORE"] = "pass";
        Home.Variables["IBMCLOUD_API_KEY"] = "an-api-key-the-child-must-not-see";
        Home.Variables["EMPTY_IS_UNSET"] = "";

        var variables = new PassEnvironment(Home.Environment).Variables();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(variables, Does.ContainKey("PATH").WithValue("/opt/bin:/usr/bin"));
            Assert.That(variables, Does.ContainKey("HOME").WithValue(Home.Root));
            Assert.That(variables, Does.ContainKey("GNUPGHOME").WithValue("/srv/gnupg"));
            Assert.That(variables, Does.ContainKey("PASSWORD_STORE_DIR").WithValue("/srv/store"));
            Assert.That(variables, Does.ContainKey("PASSWORD_STORE_KEY").WithValue("ops@example.com"));
            Assert.That(variables, Does.ContainKey("GPG_TTY").WithValue("/dev/pts/3"));
            Assert.That(variables.Keys, Has.None.StartsWith("IBM"));
            Assert.That(variables.Keys, Has.No.Member("EMPTY_IS_UNSET"));
        }
    }

    [Test]
    public void Pass_is_looked_for_on_the_given_PATH_not_the_helpers_own()
    {
        var bin = Directory.CreateDirectory(Path.Combine(Home.Root, "bin")).FullName;
        var script = Home.WriteFile("bin/pass", "#!/bin/sh\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Home.WriteFile("not-executable/pass", "#!/bin/sh\n");
        Home.Variables["PATH"] = $"relative/bin:{Path.Combine(Home.Root, "not-executable")}:{bin}";

        Assert.That(new PassEnvironment(Home.Environment).FindProgram(), Is.EqualTo(script));
    }

    [Test]
    public void Without_pass_on_the_given_PATH_there_is_no_program()
    {
        Home.Variables["PATH"] = Home.Root;

        Assert.That(new PassEnvironment(Home.Environment).FindProgram(), Is.Null);
    }
}
